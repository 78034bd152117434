package org.covidxray.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.covidxray.batch.BatchComparison;
import org.covidxray.batch.BatchCsv;
import org.covidxray.batch.BatchException;
import org.covidxray.batch.BatchImage;
import org.covidxray.batch.BatchPredictor;
import org.covidxray.batch.BatchRow;
import org.covidxray.batch.ImageListing;
import org.covidxray.engine.DeviceType;
import org.covidxray.examples.CovidCommand;
import org.covidxray.examples.model.BundledModel;
import org.covidxray.model.Classifier;
import org.covidxray.spark.cli.BatchCommand;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code covid batch} on Spark's local mode (one JVM, two task threads) against {@code covid predict} on the
 * same real images with the bundled model: same rows, probabilities within 1e-6, unreadable files as rows.
 * The executor path across JVMs is {@code SparkClusterIT}'s (profile spark-cluster).
 */
class SparkBatchLocalTest {
    @TempDir
    static Path dir;

    static Path list;
    static int listed;

    @BeforeAll
    static void labelledList() throws Exception {
        Path train = SharedData.require("kaggle-pneumonia/train");
        StringBuilder csv = new StringBuilder("path,label,patient\n");
        for (String cls : List.of("NORMAL", "PNEUMONIA")) {
            try (Stream<Path> files = Files.list(train.resolve(cls))) {
                for (Path f : files.sorted().limit(30).toList()) {
                    csv.append(f).append(',').append(cls.toLowerCase(java.util.Locale.ROOT)).append(',')
                            .append(f.getFileName().toString().split("[_-]")[0]).append('\n');
                }
            }
        }
        Files.write(dir.resolve("corrupt.jpeg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        csv.append("corrupt.jpeg,normal,x\n").append("missing/nothing.png,pneumonia,y\n");
        list = Files.writeString(dir.resolve("list.csv"), csv);
        listed = 62;
    }

    @AfterAll
    static void stopSpark() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    @Test
    void aLabelledListGivesTheRowsOfCovidPredictAndItsMetrics() {
        Path expected = dir.resolve("predict.csv");
        Run predict = run(true, "predict", "--list", list.toString(), "--out", expected.toString());
        assertThat(predict.code).as(predict.err).isEqualTo(2);

        Path out = dir.resolve("batch.csv");
        stopSpark(); // covid batch starts its own context, with the job counter
        ExecutorModels.closeAll();
        int loads = ExecutorModels.loads();
        SparkJobCounter.reset();
        System.setProperty("spark.extraListeners", SparkJobCounter.class.getName());
        Run batch;
        try {
            batch = run(false, "--master", "local[2]", "--list", list.toString(), "--out", out.toString(),
                    "--partitions", "5", "--batch-size", "8", "--compare-with", expected.toString());
        } finally {
            System.clearProperty("spark.extraListeners");
        }
        assertThat(batch.code).as(batch.out + batch.err).isEqualTo(2);
        assertThat(batch.out).contains("Wrote " + out + ": 62 images, 60 predicted, 0 refused by the input gate, "
                + "2 unreadable").contains("Identical within 1e-6.").contains("Metrics of the labelled images")
                .contains("60 images of").contains("Research software, not a diagnostic device.");

        List<BatchRow> rows = BatchCsv.read(out);
        assertThat(rows).hasSize(listed);
        // a CSV list keeps its order across the five parts, as covid predict's output does
        assertThat(rows).extracting(BatchRow::path)
                .containsExactlyElementsOf(BatchCsv.read(expected).stream().map(BatchRow::path).toList());
        BatchComparison comparison = BatchComparison.of(BatchCsv.read(expected), rows);
        assertThat(comparison.agrees(1e-6)).as(comparison.describe()).isTrue();
        assertThat(rows).filteredOn(r -> r.path().endsWith("corrupt.jpeg")).singleElement()
                .satisfies(r -> assertThat(r.error()).contains("corrupt.jpeg"));
        assertThat(rows).filteredOn(r -> r.path().endsWith("nothing.png")).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo(dir.resolve("missing/nothing.png").toString()));
        // every task in this JVM shared one model load, made while Spark started (local mode)
        assertThat(ExecutorModels.loads() - loads).isEqualTo(1);
        assertThat(ExecutorModels.lastLoader()).isEqualTo(SparkBatch.PRELOAD_THREAD);
        // a CSV list to a CSV file in local mode: one job (predict and collect), no Spark SQL query
        assertThat(SparkJobCounter.JOBS.get()).as("Spark jobs").isEqualTo(1);
        assertThat(SparkJobCounter.SQL_EXECUTIONS.get()).as("Spark SQL executions").isZero();
    }

    @Test
    void aFolderIsReadWithTheBinaryFileSourceAndParquetKeepsTheColumns() throws Exception {
        Path folder = SharedData.require("seed-50");
        List<BatchRow> expected = new ArrayList<>();
        try (Classifier model = BundledModel.load(DeviceType.CPU)) {
            List<BatchImage> images = ImageListing.folder(folder);
            BatchPredictor.builder().setClassifier(model).build().run(images, expected::add);
        }
        ExecutorModels.closeAll();
        int loads = ExecutorModels.loads();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("test").getOrCreate();
        SparkBatch batch = SparkBatch.of(BundledModel.bytes(), 16);
        Dataset<Row> input = SparkInputs.folder(spark, folder.toString());
        Path parquet = dir.resolve("seed.parquet");
        SparkBatch.Result result = batch.write(batch.predict(spark, input, null), parquet);
        assertThat(result.summary().images()).isEqualTo(50);
        Dataset<Row> back = spark.read().parquet(parquet.toString());
        assertThat(back.columns()).containsExactlyElementsOf(BatchCsv.columns(batch.classNames()));
        List<BatchRow> rows = back.collectAsList().stream().map(r -> BatchSchema.fromRow(r, 3)).toList();
        BatchComparison comparison = BatchComparison.of(expected, rows);
        assertThat(comparison.agrees(1e-6)).as(comparison.describe()).isTrue();
        assertThat(ExecutorModels.loads() - loads).isEqualTo(1);
        assertThat(ExecutorModels.lastLoader()).as("no preload: a task loads").startsWith("Executor task launch");
        // a folder to CSV in local mode: gathered in one job, sorted by path on the driver
        SparkJobCounter.reset();
        spark.sparkContext().addSparkListener(new SparkJobCounter());
        Path csv = dir.resolve("seed.csv");
        batch.write(batch.predict(spark, input, null), csv);
        spark.sparkContext().listenerBus().waitUntilEmpty(); // listeners hear of jobs asynchronously
        assertThat(BatchCsv.read(csv)).extracting(BatchRow::path).hasSize(50).isSorted();
        assertThat(SparkJobCounter.JOBS.get()).as("Spark jobs").isEqualTo(1);
    }

    @Test
    void aMissingInputIsAClearErrorBeforeSparkStarts() {
        Run none = run(false, "--master", "local[1]", dir.resolve("nope").toString(), "--out", "x.csv");
        assertThat(none.code).isEqualTo(2);
        assertThat(none.err).contains("Folder " + dir.resolve("nope") + " does not exist.");
        Run both = run(false, "--out", "x.csv");
        assertThat(both.err).contains("a FOLDER or --list FILE");
    }

    @Test
    void aListsColumnsComeFromItsFirstLineInAnyOrder() throws Exception {
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate();
        // a byte order mark, quoted names, an extra column and the label before the path
        Path reordered = Files.writeString(dir.resolve("reordered.csv"),
                "\uFEFFlabel,\"path\", site ,patient\nnormal,a.png,north,p1\n\npneumonia,b.png,south,p2\n"
                        + ",\"c, d.png\",east,\n");
        assertThat(SparkInputs.csvColumns(spark.sparkContext().hadoopConfiguration(), reordered.toString()).fieldNames())
                .containsExactly("label", "path", "site", "patient");
        // in file order across the parts; the blank line skipped, empty cells null, a quoted comma kept
        List<Row> rows = SparkInputs.list(spark, reordered.toString(), 3).collectAsList();
        assertThat(rows).extracting(r -> r.<String>getAs("path")).containsExactly("a.png", "b.png", "c, d.png");
        assertThat(rows.get(0).<String>getAs("label")).isEqualTo("normal");
        assertThat(rows.get(1).<String>getAs("patient")).isEqualTo("p2");
        assertThat(rows.get(2).<String>getAs("label")).isNull();
        assertThat(rows.get(2).<String>getAs("patient")).isNull();
        assertThat(rows.get(2).isNullAt(3)).as("executors read the file").isTrue();
        // the plain RDD of the same list: the same rows, with no Spark SQL in between
        assertThat(SparkInputs.csvList(JavaSparkContext.fromSparkContext(spark.sparkContext()), reordered.toString(), 3)
                .collect()).isEqualTo(rows);

        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThatThrownBy(() -> SparkInputs.list(spark, empty.toString(), 2)).isInstanceOf(BatchException.class)
                .hasMessageContaining("Image list " + empty + " is empty");
        Path noPath = Files.writeString(dir.resolve("no-path.csv"), "file,label\na.png,normal\n");
        assertThatThrownBy(() -> SparkInputs.list(spark, noPath.toString(), 2)).isInstanceOf(BatchException.class)
                .hasMessageContaining("has no 'path' column");
        assertThatThrownBy(() -> SparkInputs.list(spark, dir.resolve("gone.csv").toString(), 2))
                .isInstanceOf(BatchException.class).hasMessageContaining("does not exist");
    }

    @Test
    void globCoversEveryExtensionInBothCases() {
        assertThat(SparkInputs.globOfExtensions()).isEqualTo("*.{jpg,JPG,jpeg,JPEG,png,PNG,bmp,BMP,dcm,DCM}");
        assertThat(PartitionPredictor.localPath("file:/a/b%20c.png")).isEqualTo("/a/b c.png");
        assertThat(PartitionPredictor.localPath("/a/b.png")).isEqualTo("/a/b.png");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(boolean covid, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = covid ? CovidCommand.execute(new PrintWriter(out), new PrintWriter(err), args)
                : BatchCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
