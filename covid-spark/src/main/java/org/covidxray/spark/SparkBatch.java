package org.covidxray.spark;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
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
    /** Name of the thread {@link #preload} loads the model on. */
    public static final String PRELOAD_THREAD = "covid-model-preload";
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
        return input.mapPartitions(predictor(JavaSparkContext.fromSparkContext(spark.sparkContext()), listFolder),
                Encoders.row(BatchSchema.of(classNames())));
    }

    /**
     * {@link #predict(SparkSession, Dataset, String)} on a plain RDD of input rows (e.g.
     * {@link SparkInputs#csvList}): the same rows, with no Spark SQL query to plan.
     */
    public JavaRDD<Row> predict(JavaRDD<Row> input, String listFolder) {
        Objects.requireNonNull(input, "input");
        return input.mapPartitions(predictor(JavaSparkContext.fromSparkContext(input.context()), listFolder));
    }

    private PartitionPredictor predictor(JavaSparkContext spark, String listFolder) {
        Broadcast<byte[]> shared = spark.broadcast(bundle);
        return new PartitionPredictor(shared, key, chunkSize, listFolder, classNames().size(),
                BatchCsv.decision(decisionRule()));
    }

    /**
     * Starts loading this run's model into this JVM's {@link ExecutorModels} on a background thread, for local
     * mode, where the driver's JVM is the executor: the load (engine natives, the network) then overlaps
     * Spark's own start-up instead of waiting for the first task. Tasks that ask for the model while it loads
     * wait for this load; if it fails, the first task loads again and reports the error.
     *
     * @param taskCores cores of a task ({@code spark.task.cpus}): PyTorch's thread count, as a task would set it
     */
    public Thread preload(int taskCores) {
        Thread loader = new Thread(() -> {
            try {
                ExecutorModels.get(key, () -> bundle, taskCores);
            } catch (RuntimeException e) {
                LOG.debug("Loading the model ahead of the first task failed; a task will load it: {}", e.toString());
            }
        }, PRELOAD_THREAD);
        loader.setDaemon(true);
        loader.start();
        return loader;
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
     * Computes the rows and writes them: a {@code .csv} target as one CSV file written atomically by the
     * driver, in {@code order} (the file {@code covid metrics --csv} reads); any other as a Parquet folder
     * written by the executors. The driver gathers the counts and the labelled scores on the way.
     *
     * <p>In local mode a CSV target takes one Spark job: the rows are collected at once (they are in the
     * driver's JVM anyway) and sorted there. On a cluster the rows are kept on the executors (memory and disk),
     * counted, then fetched one partition at a time, so the driver never holds more than a partition.
     */
    public Result write(Dataset<Row> predictions, Path target, OutputOrder order) {
        if (isCsv(target) && predictions.sparkSession().sparkContext().isLocal()) {
            return writeCsv(predictions.collectAsList(), target, order);
        }
        Dataset<Row> kept = predictions.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long rows = kept.count();
            LOG.info("Predicted {} images on the cluster; writing {}", rows, target);
            Gathered gathered = new Gathered();
            Iterator<Row> sorted = (order == OutputOrder.BY_PATH ? kept.orderBy("path") : kept).toLocalIterator();
            if (isCsv(target)) {
                BatchCsv.write(target, classNames(), decisionRule(), sink -> sorted.forEachRemaining(r ->
                        sink.accept(gathered.add(r))));
            } else {
                kept.write().mode("overwrite").parquet(target.toString());
                sorted.forEachRemaining(gathered::add);
            }
            return gathered.result();
        } finally {
            kept.unpersist();
        }
    }

    /**
     * {@link #write(Dataset, Path, OutputOrder)} of a plain RDD of output rows: in local mode a CSV target is
     * one collect and no Spark SQL at all; otherwise the rows go through the Dataset path.
     */
    public Result write(JavaRDD<Row> predictions, Path target, OutputOrder order) {
        if (isCsv(target) && predictions.context().isLocal()) {
            return writeCsv(predictions.collect(), target, order);
        }
        SparkSession spark = SparkSession.builder().getOrCreate();
        return write(spark.createDataFrame(predictions, BatchSchema.of(classNames())), target, order);
    }

    private Result writeCsv(List<Row> collected, Path target, OutputOrder order) {
        LOG.info("Predicted {} images; writing {}", collected.size(), target);
        List<Row> rows = order == OutputOrder.BY_PATH
                ? collected.stream().sorted(Comparator.comparing(r -> r.getString(0))).toList() : collected;
        Gathered gathered = new Gathered();
        BatchCsv.write(target, classNames(), decisionRule(), sink -> rows.forEach(r -> sink.accept(gathered.add(r))));
        return gathered.result();
    }

    private static boolean isCsv(Path target) {
        return target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** The counts and labelled scores of the rows the driver has seen. */
    private final class Gathered {
        private final int classes = classNames().size();
        private final BatchSummary.Counter counter = new BatchSummary.Counter();
        private final BatchScores scores = new BatchScores(classNames());

        BatchRow add(Row r) {
            BatchRow row = BatchSchema.fromRow(r, classes);
            counter.add(row);
            scores.add(row);
            return row;
        }

        Result result() {
            return new Result(counter.summary(), scores);
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
