package org.covidxray.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.covidxray.batch.BatchComparison;
import org.covidxray.batch.BatchCsv;
import org.covidxray.batch.BatchSummary;
import org.covidxray.evaluation.EvaluationOptions;
import org.covidxray.examples.cli.Evaluations;
import org.covidxray.examples.common.ErrorHandlers;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.Programs;
import org.covidxray.examples.common.UserException;
import org.covidxray.examples.model.BundledModel;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.options.PositiveClassOption;
import org.covidxray.examples.options.SeedOption;
import org.covidxray.examples.options.ThresholdOption;
import org.covidxray.report.EvaluationReport;
import org.covidxray.spark.SparkBatch;
import org.covidxray.spark.SparkInputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code covid batch}: predicts a folder or a list of X-rays on Spark and writes the rows of
 * {@code covid predict --out} (CSV or Parquet); with labels, evaluates them on the driver as
 * {@code covid metrics} does. Exit codes as {@code covid}: 0 success, 1 internal error, 2 user error or an
 * image without a prediction, 3 when {@code --compare-with} finds a difference.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict (and, with labels, evaluate) a whole archive on Apache Spark: a folder (searched "
                + "recursively) or a CSV/Parquet list of images; the output has the columns of 'covid predict --out'.",
                "Research software, not a diagnostic device."})
public final class BatchCommand implements Callable<Integer> {
    /** Exit code when {@code --compare-with} finds a difference. */
    public static final int DIFFERENT = 3;
    /** Tolerance of {@code --compare-with} on every class probability. */
    public static final double TOLERANCE = 1e-6;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "A folder of images (any depth).")
    String folder;

    @Option(names = "--list", paramLabel = "CSV|PARQUET", description = "A list of images: column 'path' "
            + "(relative paths are against the list's folder), optional 'label' and 'patient'.")
    String list;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output: FILE.csv (one CSV "
            + "file in the order of a CSV list, else sorted by path; what 'covid metrics --csv' reads) or a Parquet "
            + "folder (any other name).")
    Path out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], spark://host:port, ... "
            + "(default: what spark-submit set, else local[*]).")
    String master;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "Model bundle (.zip) written by 'covid "
            + "train'. Default: the model bundled in covid-examples. Executors predict on their CPUs.")
    Path model;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Images decoded and predicted together on each task (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--partitions", paramLabel = "N", description = "Parts a list is split into (default: 4 per "
            + "core of the cluster). A folder is split by Spark's file source.")
    Integer partitions;

    @Option(names = "--compare-with", paramLabel = "FILE.csv", description = "A CSV of 'covid predict --out' on the "
            + "same images: check that every image has the same outcome and probabilities within 1e-6.")
    Path compareWith;

    @Mixin
    PositiveClassOption positiveOption;

    @Mixin
    ThresholdOption thresholdOption;

    @Mixin
    SeedOption seedOption;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces and debug logging.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command with these streams; returns the exit code (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return Programs.execute(verbose -> {
            CommandLine cli = new CommandLine(new BatchCommand());
            cli.setParameterExceptionHandler(new ErrorHandlers.BadParameters(verbose));
            cli.setExecutionExceptionHandler(new ErrorHandlers.Failures(verbose));
            return cli;
        }, out, err, args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if ((folder == null) == (list == null)) {
            throw new UserException("Name the images: a FOLDER or --list FILE (one of them).");
        }
        requireLocalExists(folder == null ? list : folder, folder == null ? "Image list" : "Folder");
        if (batchSize < 1) {
            throw new UserException("--batch-size must be at least 1, was " + batchSize + ".");
        }
        byte[] bundle = model == null ? BundledModel.bytes() : Files.readAllBytes(model);
        SparkBatch batch = SparkBatch.of(bundle, batchSize);
        EvaluationOptions options = Evaluations.options(positiveOption.positive(), thresholdOption.threshold(),
                seedOption.seed());
        SparkConf conf = sparkConf();
        if (isLocal(conf)) {
            // the driver's JVM is the executor: load the model while Spark starts, not after its first task
            batch.preload(conf.getInt("spark.task.cpus", 1));
        }
        SparkBatch.Result result;
        if (list != null && SparkInputs.keepsOrder(list)) {
            // a CSV list: a plain RDD from the text file to the written rows, no Spark SQL session
            try (JavaSparkContext spark = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf))) {
                JavaRDD<Row> input = SparkInputs.csvList(spark, list, parts(spark.sc()));
                result = batch.write(batch.predict(input, SparkInputs.listFolder(list)), out,
                        SparkBatch.OutputOrder.AS_INPUT);
            }
        } else {
            try (SparkSession spark = SparkSession.builder().config(conf).getOrCreate()) {
                Dataset<Row> input = folder != null ? SparkInputs.folder(spark, folder)
                        : SparkInputs.list(spark, list, parts(spark.sparkContext()));
                result = batch.write(batch.predict(spark, input, list == null ? null : SparkInputs.listFolder(list)),
                        out, SparkBatch.OutputOrder.BY_PATH);
            }
        }
        BatchSummary s = result.summary();
        stdout.println(Disclaimer.TEXT);
        stdout.printf(Locale.ROOT, "Wrote %s: %d images, %d predicted, %d refused by the input gate, %d unreadable, "
                + "%d outside what the model was trained on.%n", out, s.images(), s.predicted(), s.refused(),
                s.unreadable(), s.outside());
        if (s.predicted() < s.images()) {
            stdout.println("Images without a prediction have their reason in the 'error' column.");
        }
        if (result.scores().size() > 0) {
            String positive = options.positiveClassFor(batch.classNames(), batch.decisionRule());
            EvaluationOptions.Threshold cut = options.thresholdFor(positive, batch.decisionRule());
            EvaluationReport report = result.scores().report(positive, cut.value(), options.seed());
            stdout.println();
            stdout.println("Metrics of the labelled images (computed on the driver):");
            stdout.print(Evaluations.toText(report, cut));
        }
        int code = s.predicted() == s.images() ? ExitCodes.OK : ExitCodes.USER_ERROR;
        if (compareWith != null) {
            if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                throw new UserException("--compare-with needs a CSV output (--out FILE.csv).");
            }
            BatchComparison comparison = BatchComparison.of(BatchCsv.read(compareWith), BatchCsv.read(out));
            boolean same = comparison.agrees(TOLERANCE);
            stdout.println("Compared with " + compareWith + ": " + comparison.describe() + (same
                    ? " Identical within 1e-6." : " NOT identical within 1e-6."));
            if (!same) {
                code = DIFFERENT;
            }
        }
        stdout.flush();
        return code;
    }

    private static boolean isLocal(SparkConf conf) {
        return conf.get("spark.master").startsWith("local");
    }

    private int parts(SparkContext spark) {
        return partitions != null ? partitions : 4 * spark.defaultParallelism();
    }

    private SparkConf sparkConf() {
        SparkConf conf = new SparkConf().setAppName("covid batch");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        // executors run offline like every covid JVM: DJL must never try to download natives there
        String executorOptions = conf.get("spark.executor.extraJavaOptions", "");
        if (!executorOptions.contains("ai.djl.offline")) {
            conf.set("spark.executor.extraJavaOptions", (executorOptions + " -Dai.djl.offline=true").strip());
        }
        conf.setIfMissing("spark.executorEnv.DJL_OFFLINE", "true");
        if (isLocal(conf)) {
            LocalSparkConf.configure(conf);
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "true");
        return conf;
    }

    private static void requireLocalExists(String path, String what) {
        boolean local = !path.contains("://") || path.startsWith("file:");
        if (local && !Files.exists(Path.of(path.startsWith("file:") ? java.net.URI.create(path).getPath() : path))) {
            throw new UserException(what + " " + path + " does not exist.");
        }
    }
}
