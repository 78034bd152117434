package org.covidxray.spark;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.covidxray.batch.BatchCsv;
import org.covidxray.batch.BatchRow;
import org.covidxray.batch.BatchScores;
import org.covidxray.batch.BatchSummary;
import org.covidxray.evaluation.DatasetPredictor;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch run on Spark: the model bundle (its file's bytes) is broadcast, each executor JVM loads it once,
 * and every partition is predicted in chunks by the same {@link org.covidxray.batch.BatchPredictor} that
 * {@code covid predict} uses, so the rows are the same. The driver never loads an engine: it reads the
 * bundle's manifest (classes, decision rule) and gathers the rows for the output file and the metrics.
 *
 * <pre>{@code
 * SparkBatch batch = SparkBatch.of(Files.readAllBytes(model));
 * Dataset<Row> rows = batch.predict(spark, SparkInputs.folder(spark, "/archive"), null);
 * SparkBatch.Result result = batch.write(rows, Path.of("predictions.csv"));
 * }</pre>
 */
public final class SparkBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SparkBatch.class);

    private final byte[] bundle;
    private final ModelManifest manifest;
    private final String key;
    private final int chunkSize;

    /**
     * What the driver gathered from a run.
     *
     * @param summary counts of the rows
     * @param scores the labelled, predicted rows, for the metrics
     */
    public record Result(BatchSummary summary, BatchScores scores) {
    }

    private SparkBatch(byte[] bundle, int chunkSize) {
        this.bundle = bundle.clone();
        this.manifest = ModelBundle.read(new ByteArrayInputStream(bundle), Path.of("model.zip")).manifest();
        this.key = sha256(bundle);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /** A run of the bundle whose file content is {@code bundle}, predicting {@value DatasetPredictor#DEFAULT_BATCH} images at a time. */
    public static SparkBatch of(byte[] bundle) {
        return new SparkBatch(bundle, DatasetPredictor.DEFAULT_BATCH);
    }

    /** A run predicting {@code chunkSize} images at a time on each task. */
    public static SparkBatch of(byte[] bundle, int chunkSize) {
        return new SparkBatch(bundle, chunkSize);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public List<String> classNames() {
        return manifest.classNames();
    }

    public DecisionRule decisionRule() {
        return manifest.decisionRule();
    }

    /**
     * The output rows ({@link BatchSchema#of(List)}) of input rows ({@link SparkInputs#COLUMNS}); lazy, as
     * Spark's datasets are.
     *
     * @param listFolder the folder relative list paths are resolved against, or {@code null} for a folder input
     */
    public Dataset<Row> predict(SparkSession spark, Dataset<Row> input, String listFolder) {
        Objects.requireNonNull(input, "input");
        if (!List.of(input.columns()).equals(SparkInputs.COLUMNS)) {
            throw new IllegalArgumentException("input columns must be " + SparkInputs.COLUMNS + ", not "
                    + List.of(input.columns()));
        }
        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bundle);
        PartitionPredictor predictor = new PartitionPredictor(shared, key, chunkSize, listFolder,
                classNames().size(), BatchCsv.decision(decisionRule()));
        return input.mapPartitions(predictor, Encoders.row(BatchSchema.of(classNames())));
    }

    /** The order of the rows a {@link #write} gathers on the driver. */
    public enum OutputOrder {
        /** Sorted by path (a folder's files, whose order Spark's file source does not keep). */
        BY_PATH,
        /** The input's own order, e.g. a CSV list's ({@link SparkInputs#keepsOrder}): no sort on the cluster. */
        AS_INPUT
    }

    /** {@link #write(Dataset, Path, OutputOrder)} sorted by path. */
    public Result write(Dataset<Row> predictions, Path target) {
        return write(predictions, target, OutputOrder.BY_PATH);
    }

    /**
     * Computes the rows on the cluster (kept there until the output is written), then writes them: a
     * {@code .csv} target as one CSV file written atomically by the driver, in {@code order} (the file
     * {@code covid metrics --csv} reads); any other as a Parquet folder written by the executors. The driver
     * gathers the counts and the labelled scores on the way.
     */
    public Result write(Dataset<Row> predictions, Path target, OutputOrder order) {
        Dataset<Row> kept = predictions.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long rows = kept.count();
            LOG.info("Predicted {} images on the cluster; writing {}", rows, target);
            BatchSummary.Counter counter = new BatchSummary.Counter();
            BatchScores scores = new BatchScores(classNames());
            int classes = classNames().size();
            Iterator<Row> sorted = (order == OutputOrder.BY_PATH ? kept.orderBy("path") : kept).toLocalIterator();
            if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                BatchCsv.write(target, classNames(), decisionRule(), sink -> sorted.forEachRemaining(r -> {
                    BatchRow row = BatchSchema.fromRow(r, classes);
                    counter.add(row);
                    scores.add(row);
                    sink.accept(row);
                }));
            } else {
                kept.write().mode("overwrite").parquet(target.toString());
                sorted.forEachRemaining(r -> {
                    BatchRow row = BatchSchema.fromRow(r, classes);
                    counter.add(row);
                    scores.add(row);
                });
            }
            return new Result(counter.summary(), scores);
        } finally {
            kept.unpersist();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
