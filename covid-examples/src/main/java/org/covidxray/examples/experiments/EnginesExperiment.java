package org.covidxray.examples.experiments;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.covidxray.examples.options.EngineBenchmarkOptions;
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
 * engine times start-up to the first prediction. Writes {@value #TABLE} and {@value #CHART} into the
 * report folder, beside each engine's raw output.
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
            description = "Engines to compare (default: every usable one on the class path).")
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

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            Class.forName(benchmarkClass);
        } catch (ClassNotFoundException e) {
            throw new ExperimentException("The engine benchmark " + benchmarkClass + " is not on the class path; "
                    + "build covid-examples from a tree that contains it (it comes with the covid-djl work)");
        }
        List<String> names = backends != null ? backends
                : Backends.available().stream().map(Backend::name).filter(n -> !"fake".equals(n)).toList();
        if (names.isEmpty()) {
            throw new ExperimentException("No usable engine to compare. " + Backends.describe());
        }
        names.forEach(Backends::get);
        Backend first = common.engine().backendName() == null ? Backends.get(names.get(0)) : common.engine().backend();
        ExperimentRun run = new ExperimentRun("engines", "Engine comparison", common, ExperimentCommand.commandLine(spec),
                first);
        TrainingOptions training = common.training();
        Path images = bench.images();
        int count = bench.count();
        run.setting("backends", names);
        run.setting("images", count);
        run.setting("trainSteps", bench.trainSteps());
        run.setting("latencyRuns", bench.latencyRuns());
        run.setting("predictions", bench.predictions());
        Path firstImage = firstImage(images);
        Set<Path> used = bench.imageFiles().stream().map(p -> p.toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        run.data("benchmark images (first " + count / 2 + " of NORMAL/ and of PNEUMONIA/ by name)", images,
                KermanyExperiment.load(images, run.seed()).filter("benchmark images",
                        s -> used.contains(s.path().toAbsolutePath().normalize())));
        Path tensors = run.out().resolve("bench-tensors.f32");
        List<EngineMeasurement> measured = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Path result = run.out().resolve("engine-" + name + ".json");
            List<String> args = new ArrayList<>(List.of("--backend", name, "--device", common.engine().requestedDevice(),
                    "--image-size", String.valueOf(training.imageSize()), "--batch-size",
                    String.valueOf(training.batchSize()), "--result-json", result.toString()));
            args.addAll(bench.arguments());
            if (i == 0 && reference) {
                args.addAll(List.of("--dump-tensors", tensors.toString()));
            }
            runJava(run.out(), name, benchmarkClass, args);
            double firstSeconds = timeFirstPrediction(run.out(), name, firstImage, training.imageSize());
            measured.add(EngineMeasurement.of(readResult(result), firstSeconds));
        }
        String referenceNote = "";
        if (reference) {
            referenceNote = runReference(run.out(), tensors, training.batchSize(), measured);
        }
        Files.deleteIfExists(tensors);
        run.result("engines", measured);
        String table = Text.table(List.of("engine", "train img/s", "batch-1 p50 ms", "batch-1 p95 ms",
                "batch-" + training.batchSize() + " img/s", "peak RSS MB", "JVM start to first prediction s"),
                measured.stream().map(EngineMeasurement::row).toList());
        AtomicFiles.writeString(run.out().resolve(TABLE), table);
        AtomicFiles.write(run.out().resolve(CHART), Png.of(chart(measured), 900, 500, "engines"));
        run.section("Results", "Network " + training.arch() + " at " + training.imageSize() + " px, batch "
                + training.batchSize()
                + ", " + count + " Kermany images; every engine in its own process, one after the other.\n\n" + table
                + "\n" + referenceNote + "\n![engines](" + CHART + ")\n\nResults as JSON: `engine-*.json`; raw outputs: "
                + "`engine-*.txt`.");
        run.claim("One run on one machine shared with other work: differences of less than about 20% are within the "
                + "noise of such a run.");
        run.claim("Time to first prediction uses an untrained network of the same architecture (no bundle to load); "
                + "it includes JVM start-up and loading the engine's native libraries.");
        Path summary = run.finish();
        spec.commandLine().getOut().println("Wrote " + summary);
        return 0;
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
        runProcess(out.resolve("engine-" + name + ".txt"), command);
    }

    /** The typed result the benchmark wrote; a benchmark that exited 0 without one is broken, not slow. */
    private static EngineBenchmarkResult readResult(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ExperimentException("The benchmark finished without writing its result " + file
                    + "; see the .txt file beside it");
        }
        return EngineBenchmarkResult.read(file);
    }

    private double timeFirstPrediction(Path out, String name, Path image, int imageSize)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> command = ChildJvm.command(FirstPrediction.class.getName());
        command.addAll(List.of(name, String.valueOf(imageSize), image.toString()));
        runProcess(out.resolve("first-prediction-" + name + ".txt"), command);
        return (System.nanoTime() - start) / 1e9;
    }

    private String runReference(Path out, Path tensors, int batchSize, List<EngineMeasurement> measured)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(referenceScript)) {
            return "PyTorch reference not run: script " + referenceScript + " not found (run from the project root).";
        }
        Process probe = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (!probe.waitFor(2, TimeUnit.MINUTES) || probe.exitValue() != 0) {
            return "PyTorch reference not run: `" + python + " -c 'import torch'` failed (install python3-torch).";
        }
        Path result = out.resolve("engine-pytorch-reference.json");
        List<String> command = new ArrayList<>(List.of(python, referenceScript.toString(), tensors.toString(),
                "--batch-size", String.valueOf(batchSize), "--result-json", result.toString()));
        command.addAll(List.of("--train-steps", String.valueOf(bench.trainSteps()), "--latency-runs",
                String.valueOf(bench.latencyRuns()), "--predictions", String.valueOf(bench.predictions())));
        runProcess(out.resolve("engine-pytorch-reference.txt"), command);
        measured.add(EngineMeasurement.of(readResult(result), Double.NaN));
        return "";
    }

    private void runProcess(Path log, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
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
