package org.covidxray.examples.experiments;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.examples.common.ChildJvm;
import org.covidxray.examples.common.EngineBenchmarkResult;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.LoadGuard;
import org.covidxray.examples.options.EngineBenchmarkOptions;
import org.covidxray.examples.options.LoadOptions;
import org.covidxray.examples.options.TrainingOptions;
import org.covidxray.io.AtomicFiles;
import org.covidxray.report.Png;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The engine comparison: the same network and images on every usable engine and on the PyTorch
 * reference script. Each engine runs {@code org.covidxray.examples.bench.EngineBenchmark} in a JVM of
 * its own, so that start-up time and peak memory are that engine's alone, and hands its numbers back
 * as an {@link EngineBenchmarkResult} in JSON; a second fresh JVM per
 * engine times start-up to the first prediction. Runs every engine {@code --repeats} times, interleaved
 * (DJL, DL4J, reference, DJL, ...), at each of {@code --sizes}, and reports the medians and the goals'
 * ratios ({@link EngineComparison}); before each run it waits for the load average to fall
 * ({@link LoadGuard}) and, when another process kept it high, marks the numbers "not a result" and exits
 * with {@link ExitCodes#NOT_A_RESULT}. Writes {@value #TABLE} and {@value #CHART} into the report folder,
 * beside each run's raw output.
 */
@Command(name = "engines", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark every usable engine (each in its own JVM) and the PyTorch reference script on the "
                + "same network and images; writes a table and a bar chart.",
                "Research software, not a diagnostic device."})
final class EnginesExperiment implements Callable<Integer> {
    static final String TABLE = "engines.md";
    static final String CHART = "engines.png";
    static final String BENCHMARK = "org.covidxray.examples.bench.EngineBenchmark";
    private static final Logger LOG = LoggerFactory.getLogger(EnginesExperiment.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    EngineBenchmarkOptions bench;

    @Option(names = "--backends", split = ",", paramLabel = "NAME",
            description = "Engines to compare (default: every usable one on the class path that can train).")
    List<String> backends;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with PyTorch for the reference script (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--reference-script", paramLabel = "FILE",
            defaultValue = "covid-examples/src/main/python/reference_benchmark.py",
            description = "The PyTorch reference script (default: ${DEFAULT-VALUE}).")
    Path referenceScript;

    @Option(names = "--reference", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the PyTorch reference script too (default: on; skipped with a note when PyTorch is missing).")
    boolean reference;

    @Option(names = "--benchmark-class", hidden = true, defaultValue = BENCHMARK)
    String benchmarkClass;

    @Option(names = "--timeout-minutes", defaultValue = "60",
            description = "Give up on one engine's benchmark after this long (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Runs of every engine, interleaved (DJL, DL4J, reference, DJL, ...); the tables show medians "
                    + "(default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--sizes", split = ",", paramLabel = "PX",
            description = "Image sizes to compare, e.g. 224,128 (default: the --image-size).")
    List<Integer> sizes;

    @Mixin
    LoadOptions loadOptions;

    @Option(names = "--reference-threads", defaultValue = "2",
            description = "OMP_NUM_THREADS for the PyTorch reference (default: ${DEFAULT-VALUE}, the engines' cores here).")
    int referenceThreads;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            Class.forName(benchmarkClass);
        } catch (ClassNotFoundException e) {
            throw new ExperimentException("The engine benchmark " + benchmarkClass + " is not on the class path; "
                    + "build covid-examples from a tree that contains it (it comes with the covid-djl work)");
        }
        if (repeats < 1) {
            throw new ExperimentException("--repeats must be at least 1");
        }
        List<String> names = backends != null ? backends : defaultBackends(Backends.available());
        if (names.isEmpty()) {
            throw new ExperimentException("No usable engine to compare. " + Backends.describe());
        }
        names.forEach(Backends::get);
        Backend first = common.engine().backendName() == null ? Backends.get(names.get(0)) : common.engine().backend();
        ExperimentRun run = new ExperimentRun("engines", "Engine comparison", common, ExperimentCommand.commandLine(spec),
                first);
        TrainingOptions training = common.training();
        List<Integer> imageSizes = sizes == null || sizes.isEmpty() ? List.of(training.imageSize()) : sizes;
        Path images = bench.images();
        int count = bench.count();
        run.setting("backends", names);
        run.setting("imageSizes", imageSizes);
        run.setting("repeats", repeats);
        run.setting("images", count);
        run.setting("trainSteps", bench.trainSteps());
        run.setting("warmupSteps", bench.warmupSteps());
        run.setting("latencyRuns", bench.latencyRuns());
        run.setting("predictions", bench.predictions());
        run.setting("maxLoad", loadOptions.maxLoad());
        run.setting("environment", TUNING_ENVIRONMENT);
        Path firstImage = firstImage(images);
        Set<Path> used = bench.imageFiles().stream().map(p -> p.toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        run.data("benchmark images (first " + count / 2 + " of NORMAL/ and of PNEUMONIA/ by name)", images,
                KermanyExperiment.load(images, run.seed()).filter("benchmark images",
                        s -> used.contains(s.path().toAbsolutePath().normalize())));
        String referenceMissing = reference ? referenceMissing() : "PyTorch reference not run (--no-reference).";
        boolean withReference = referenceMissing == null;
        LoadGuard guard = loadOptions.guard();
        int total = imageSizes.size() * repeats * (names.size() + (withReference ? 1 : 0));
        int done = 0;
        List<EngineComparison> comparisons = new ArrayList<>();
        for (int size : imageSizes) {
            Path tensors = run.out().resolve("bench-tensors-" + size + ".f32");
            Map<String, List<EngineMeasurement>> measured = new LinkedHashMap<>();
            for (int r = 1; r <= repeats; r++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(i);
                    String tag = name + "-" + size + "px-" + r;
                    logLoad(guard.awaitQuiet(), ++done, total, tag);
                    Path result = run.out().resolve("engine-" + tag + ".json");
                    List<String> args = new ArrayList<>(List.of("--backend", name, "--device",
                            common.engine().requestedDevice(), "--image-size", String.valueOf(size), "--batch-size",
                            String.valueOf(training.batchSize()), "--result-json", result.toString()));
                    args.addAll(bench.arguments());
                    if (r == 1 && i == 0 && withReference) {
                        args.addAll(List.of("--dump-tensors", tensors.toString()));
                    }
                    runJava(run.out(), tag, benchmarkClass, args);
                    double firstSeconds = timeFirstPrediction(run.out(), tag, name, firstImage, size);
                    measured.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(EngineMeasurement.of(readResult(result), firstSeconds));
                }
                if (withReference) {
                    String tag = EngineComparison.REFERENCE + "-" + size + "px-" + r;
                    logLoad(guard.awaitQuiet(), ++done, total, tag);
                    measured.computeIfAbsent(EngineComparison.REFERENCE, k -> new ArrayList<>())
                            .add(runReference(run.out(), tag, tensors, training.batchSize()));
                }
            }
            Files.deleteIfExists(tensors);
            comparisons.add(EngineComparison.of(size, measured));
        }
        // the load after the last run: a competitor that started during the runs is still there
        guard.awaitQuiet();
        LoadGuard.Verdict load = guard.verdict();
        boolean notAResult = loadOptions.notAResult(load);
        String verdictNote = notAResult ? String.format(Locale.ROOT, "not a result (load %.2f)", load.worst()) : null;

        PrintWriter out = spec.commandLine().getOut();
        StringBuilder tables = new StringBuilder();
        List<EngineMeasurement> charted = new ArrayList<>();
        for (EngineComparison c : comparisons) {
            String heading = "### " + c.imageSize() + " px, batch " + training.batchSize() + ": medians of " + repeats
                    + (repeats == 1 ? " run" : " interleaved runs") + (notAResult ? " — " + verdictNote : "") + "\n\n";
            tables.append(heading).append(c.mediansTable(training.batchSize())).append('\n')
                    .append(c.targetsTable(verdictNote)).append('\n');
            c.medians().forEach((key, m) -> charted.add(new EngineMeasurement(key + " " + c.imageSize() + " px",
                    m.trainImagesPerSecond(), m.latencyP50Ms(), m.latencyP95Ms(), m.batchImagesPerSecond(),
                    m.peakRssMb(), m.firstPredictionSeconds())));
        }
        String loadLine = loadOptions.text(load);
        String footnote = FOOTNOTE + " " + environmentLine() + (referenceMissing != null ? "\n\n" + referenceMissing
                + " The ratios against it are n/a." : "");
        String text = tables + "\n" + loadLine + "\n\n" + footnote + "\n";
        AtomicFiles.writeString(run.out().resolve(TABLE), text);
        AtomicFiles.write(run.out().resolve(CHART), Png.of(chart(charted), 900, 500, "engines"));
        run.result("engines", comparisons.stream().flatMap(c -> c.medians().values().stream()).toList());
        run.result("comparisons", comparisons.stream().map(EnginesExperiment::json).toList());
        run.result("load", load);
        run.result("notAResult", notAResult);
        run.section("Results", "Network " + training.arch() + ", " + count + " Kermany images; every engine in its own "
                + "process, the engines interleaved run by run.\n\n" + text + "\n![engines](" + CHART + ")\n\n"
                + "Each run as JSON: `engine-<engine>-<size>px-<run>.json`; raw outputs: `engine-*.txt`.");
        run.claim("Medians of " + repeats + " interleaved runs on one machine; " + load.text() + ".");
        run.claim("Time to first prediction uses an untrained network of the same architecture (no bundle to load); "
                + "it includes JVM start-up and loading the engine's native libraries.");
        Path summary = run.finish();
        out.println(text);
        out.println("Wrote " + summary);
        if (notAResult) {
            out.println(String.format(Locale.ROOT, "The 1-minute load average was %.2f (above --max-load %.2f): "
                    + "another process is competing for the cores, so these numbers are not a result. Run again on "
                    + "a quiet machine (or pass --allow-load for a smoke test).", load.worst(), loadOptions.maxLoad()));
            out.flush();
            return ExitCodes.NOT_A_RESULT;
        }
        return ExitCodes.OK;
    }

    static final String FOOTNOTE = "Ratios are of the medians. Batch-1 latency and batched inference: DJL and DL4J "
            + "fold batch norm into the convolutions of their inference copies (DjlNetworks.foldBatchNorm, "
            + "Dl4jFoldedNetwork); the PyTorch reference script does not (it runs the trained network in eval mode), "
            + "so part of a lead over the reference is that folding. Targets (issue 14): DJL training ≥ 1.0× and batch-1 p50 ≤ 1.1× the reference; "
            + "DL4J training ≥ 0.5× and batch-1 p50 ≤ 3× DJL; DL4J peak RSS ≤ 2 GB (2048 MB).";

    /**
     * The environment variables that tune the native allocator and OpenMP (the {@code ./covid} launcher sets them;
     * docs/engines.md). Each child process inherits them, the reference script too, so that every engine runs under
     * the same allocator: glibc's defaults page-fault every freed multi-megabyte activation back in on the next
     * step, which halved both PyTorch's and DJL's training rate at 224 px (docs/benchmarks.md).
     */
    static final List<String> TUNING_VARIABLES = List.of("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_", "OMP_WAIT_POLICY");

    private static final Map<String, String> TUNING_ENVIRONMENT = tuningEnvironment(System.getenv());

    /** The tuning variables of {@code environment}, "unset" for those it lacks, in {@link #TUNING_VARIABLES} order. */
    static Map<String, String> tuningEnvironment(Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        TUNING_VARIABLES.forEach(v -> out.put(v, environment.getOrDefault(v, "unset")));
        return out;
    }

    /** One sentence naming the environment every run inherited. */
    static String environmentLine(Map<String, String> tuning) {
        return "Every engine and the reference ran with " + tuning.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")) + " (inherited).";
    }

    private static String environmentLine() {
        return environmentLine(TUNING_ENVIRONMENT);
    }

    private static Map<String, Object> json(EngineComparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imageSize", c.imageSize());
        m.put("runs", c.runs());
        m.put("medians", c.medians());
        m.put("targets", c.targets().stream().map(t -> Map.<String, Object>of("goal", t.name(),
                "value", Double.isNaN(t.value()) ? "n/a" : t.value(), "target", t.targetText(),
                "verdict", t.verdict())).toList());
        return m;
    }

    /**
     * The engines compared when {@code --backends} is not given: every usable one that can train (an
     * inference-only engine such as covid-onnx's would fail the training benchmark), without the test
     * engine, DJL first and DL4J second.
     */
    static List<String> defaultBackends(List<Backend> available) {
        return available.stream().filter(Backend::supportsTraining).map(Backend::name)
                .filter(n -> !"fake".equals(n)).sorted(Comparator.comparingInt(EnginesExperiment::runOrder)).toList();
    }

    /** DJL, then DL4J, then any other engine: the order the goals compare them in. */
    private static int runOrder(String backend) {
        return switch (backend) {
            case EngineComparison.DJL -> 0;
            case EngineComparison.DL4J -> 1;
            default -> 2;
        };
    }

    private static void logLoad(double load, int run, int total, String tag) {
        LOG.info("Run {}/{} ({}): 1-minute load {}", run, total, tag, String.format(Locale.ROOT, "%.2f", load));
    }

    private static Path firstImage(Path images) throws IOException {
        Path normal = images.resolve("NORMAL");
        if (!Files.isDirectory(normal)) {
            throw new ExperimentException("--images " + images + " has no NORMAL/ folder; point it at a Kermany tree "
                    + "(chest_xray/train)");
        }
        try (Stream<Path> files = Files.list(normal)) {
            return files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow(() ->
                    new ExperimentException("--images " + images + ": NORMAL/ holds no images"));
        }
    }

    private void runJava(Path out, String name, String mainClass, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = ChildJvm.command(mainClass);
        command.addAll(args);
        LOG.info("Benchmarking {}: {}", name, display(command));
        runProcess(out.resolve("engine-" + name + ".txt"), command, Map.of());
    }

    /** The typed result the benchmark wrote; a benchmark that exited 0 without one is broken, not slow. */
    private static EngineBenchmarkResult readResult(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ExperimentException("The benchmark finished without writing its result " + file
                    + "; see the .txt file beside it");
        }
        return EngineBenchmarkResult.read(file);
    }

    private double timeFirstPrediction(Path out, String tag, String name, Path image, int imageSize)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> command = ChildJvm.command(FirstPrediction.class.getName());
        command.addAll(List.of(name, String.valueOf(imageSize), image.toString()));
        runProcess(out.resolve("first-prediction-" + tag + ".txt"), command, Map.of());
        return (System.nanoTime() - start) / 1e9;
    }

    /** Why the reference cannot run, or null when it can. */
    private String referenceMissing() throws IOException, InterruptedException {
        if (!Files.isRegularFile(referenceScript)) {
            return "PyTorch reference not run: script " + referenceScript + " not found (run from the project root).";
        }
        Process probe = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (!probe.waitFor(2, TimeUnit.MINUTES) || probe.exitValue() != 0) {
            return "PyTorch reference not run: `" + python + " -c 'import torch'` failed (install python3-torch).";
        }
        return null;
    }

    private EngineMeasurement runReference(Path out, String tag, Path tensors, int batchSize)
            throws IOException, InterruptedException {
        Path result = out.resolve("engine-" + tag + ".json");
        List<String> command = new ArrayList<>(List.of(python, referenceScript.toString(), tensors.toString(),
                "--batch-size", String.valueOf(batchSize), "--result-json", result.toString()));
        command.addAll(List.of("--train-steps", String.valueOf(bench.trainSteps()), "--warmup-steps",
                String.valueOf(bench.warmupSteps()), "--latency-runs",
                String.valueOf(bench.latencyRuns()), "--predictions", String.valueOf(bench.predictions())));
        LOG.info("Benchmarking the PyTorch reference: OMP_NUM_THREADS={} {}", referenceThreads, String.join(" ", command));
        runProcess(out.resolve("engine-" + tag + ".txt"), command,
                Map.of("OMP_NUM_THREADS", String.valueOf(referenceThreads)));
        return EngineMeasurement.of(readResult(result), Double.NaN);
    }

    private void runProcess(Path log, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Files.createDirectories(log.getParent());
        Process process = builder.start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new ExperimentException("Benchmark did not finish within " + timeoutMinutes + " minutes: "
                    + String.join(" ", command) + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new ExperimentException("Benchmark failed (exit " + process.exitValue() + "): "
                    + display(command) + "; see " + log);
        }
    }

    /** The command without its (long) class path. */
    private static String display(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        int cp = shown.indexOf("-cp");
        if (cp >= 0 && cp + 1 < shown.size()) {
            shown.set(cp + 1, "<class path>");
        }
        return String.join(" ", shown);
    }

    static JFreeChart chart(List<EngineMeasurement> measured) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (EngineMeasurement m : measured) {
            add(data, m.trainImagesPerSecond(), "training img/s", m.engine());
            add(data, m.batchImagesPerSecond(), "batched inference img/s", m.engine());
            add(data, m.latencyP50Ms() > 0 ? 1000 / m.latencyP50Ms() : Double.NaN, "batch-1 predictions/s (1000 / p50 ms)",
                    m.engine());
        }
        JFreeChart chart = ChartFactory.createBarChart("Engines: throughput (higher is better)", null, "images per second",
                data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        return chart;
    }

    private static void add(DefaultCategoryDataset data, double value, String series, String engine) {
        if (!Double.isNaN(value)) {
            data.addValue(value, series, shorten(engine));
        }
    }

    private static String shorten(String engine) {
        String s = engine.length() > 40 ? engine.substring(0, 40) + "…" : engine;
        return s.toLowerCase(Locale.ROOT).startsWith("pytorch reference") ? "PyTorch reference" : s;
    }
}
