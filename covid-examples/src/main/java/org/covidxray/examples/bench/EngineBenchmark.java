package org.covidxray.examples.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.examples.common.ChildJvm;
import org.covidxray.examples.common.EngineBenchmarkResult;
import org.covidxray.examples.options.CommandDefaults;
import org.covidxray.examples.options.EngineBenchmarkOptions;
import org.covidxray.examples.options.EngineOptions;
import org.covidxray.examples.options.TrainingOptions;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Measures one engine through the SPI on real Kermany X-rays: training images/s (default network,
 * 224 px, batch 32, Adam), inference latency for one image (p50, p95), batch-32 inference images/s,
 * and resident memory (before and after a long run of single predictions, and the peak). Prints a
 * table and, with {@code --result-json}, writes the same numbers as an {@link EngineBenchmarkResult}
 * for the process that started it; optionally writes the preprocessed images as raw float32 so that
 * {@code src/main/python/reference_benchmark.py} measures the identical network on identical data.
 *
 * <pre>
 * java -cp ... org.covidxray.examples.bench.EngineBenchmark [--backend djl] [--image-size 224] [--batch-size 32]
 *     [--images ../shared/data/kaggle-pneumonia/train] [--count 256] [--train-steps 30]
 *     [--latency-runs 300] [--predictions 5000] [--dump-tensors file.f32] [--result-json result.json]
 * </pre>
 */
public final class EngineBenchmark {
    private EngineBenchmark() {
    }

    /** The benchmark in a JVM of its own, as the engine comparison starts it. */
    public static void main(String[] args) throws IOException {
        run(args, new PrintWriter(System.out, true));
    }

    /** Parses {@code args}, measures, prints the table to {@code out} and writes the JSON result when asked. */
    public static void run(String[] args, PrintWriter out) throws IOException {
        Options o = Options.parse(args, out);
        if (o == null) {
            return;
        }
        EngineBenchmarkResult result = measure(o, out);
        out.println(result.toText());
        out.flush();
        if (o.resultJson != null) {
            result.write(o.resultJson);
        }
    }

    private static EngineBenchmarkResult measure(Options o, PrintWriter err) throws IOException {
        Backend backend = o.engine.backend();
        Device device = o.engine.device(backend, err);
        int size = o.training.imageSize();
        int batchSize = o.training.batchSize();
        long rssStart = rssKb("VmRSS");
        List<ImageTensor> images = load(o);
        int[] labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        if (o.dumpTensors != null) {
            dump(o.dumpTensors, images, labels);
        }
        Architecture architecture = o.training.architecture();
        TrainingConfig config = o.training.config(1).setEpochs(1).build();
        NetworkSpec spec = new NetworkSpec(architecture, List.of("normal", "pneumonia"), config, null, device);
        String engine = String.format(Locale.ROOT, "%s (%s)", backend.engineVersion(), device);
        String data = String.format(Locale.ROOT, "%d Kermany images, %d px, batch %d, %s, %d warm-up steps",
                images.size(), size, batchSize, architecture.name(), o.bench.warmupSteps());
        int trainSteps = o.bench.trainSteps();
        double trainRate;
        long rssAfterTraining;
        long peakAfterTraining;
        Classifier trained;
        try (TrainableNetwork network = backend.createNetwork(spec)) {
            int warmup = o.bench.warmupSteps();
            for (int s = 0; s < warmup; s++) {
                network.trainStep(batch(images, labels, s, batchSize));
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < trainSteps; s++) {
                network.trainStep(batch(images, labels, s + warmup, batchSize));
            }
            trainRate = trainSteps * batchSize / ((System.nanoTime() - t0) / 1e9);
            rssAfterTraining = rssKb("VmRSS") / 1024;
            peakAfterTraining = rssKb("VmHWM") / 1024;

            ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "benchmark",
                    backend.name(), backend.engineVersion(), network.weightsFormat(), architecture,
                    spec.classNames(), o.training.preprocessing(), null, "benchmark",
                    Instant.now().toString(), null, null);
            trained = network.toClassifier(manifest);
        }
        // the training network is closed first, as after a real training run: what follows measures serving
        try (Classifier classifier = trained) {
            for (int i = 0; i < 20; i++) {
                classifier.predict(images.get(i % images.size()));
            }
            int latencyRuns = o.bench.latencyRuns();
            double[] latencies = new double[latencyRuns];
            for (int i = 0; i < latencyRuns; i++) {
                long s = System.nanoTime();
                classifier.predict(images.get(i % images.size()));
                latencies[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(latencies);

            int batches = Math.max(1, images.size() / batchSize);
            classifier.predict(images.subList(0, batchSize));
            long b0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                classifier.predict(images.subList(b * batchSize, (b + 1) * batchSize));
            }
            double batchRate = batches * batchSize / ((System.nanoTime() - b0) / 1e9);

            // resident memory after every fifth of the run: a native leak grows linearly, while the
            // JVM heap touching its pages for the first time levels off
            int predictions = o.bench.predictions();
            long before = rssKb("VmRSS");
            List<Double> checkpoints = new ArrayList<>();
            int fifth = Math.max(1, predictions / 5);
            for (int i = 0; i < predictions; i++) {
                classifier.predict(images.get(i % images.size()));
                if ((i + 1) % fifth == 0) {
                    checkpoints.add((double) (rssKb("VmRSS") / 1024));
                }
            }
            long after = rssKb("VmRSS");
            return new EngineBenchmarkResult(engine, data, trainSteps, trainRate, rssAfterTraining,
                    peakAfterTraining, percentile(latencies, 0.50),
                    percentile(latencies, 0.95), batchSize, batchRate, rssStart / 1024, before / 1024, after / 1024,
                    predictions, checkpoints, rssKb("VmHWM") / 1024);
        }
    }

    private static List<ImageTensor> load(Options o) throws IOException {
        Preprocessor preprocessor = new Preprocessor(o.training.preprocessing());
        List<Path> files = o.bench.imageFiles();
        // interleave classes so that every batch has both
        List<Path> ordered = new ArrayList<>();
        int half = files.size() / 2;
        for (int i = 0; i < half; i++) {
            ordered.add(files.get(i));
            ordered.add(files.get(half + i));
        }
        return ordered.parallelStream().map(preprocessor::load).toList();
    }

    /** Batch {@code step} of {@code size} images taken in turn from {@code images}; also the pipeline benchmark's raw batches. */
    static Batch batch(List<ImageTensor> images, int[] labels, int step, int size) {
        ImageTensor first = images.get(0);
        int floats = first.size();
        float[] data = new float[size * floats];
        int[] batchLabels = new int[size];
        for (int i = 0; i < size; i++) {
            int index = (step * size + i) % images.size();
            System.arraycopy(images.get(index).data(), 0, data, i * floats, floats);
            batchLabels[i] = labels[index];
        }
        return new Batch(data, batchLabels, size, first.channels(), first.height(), first.width());
    }

    /** Raw little-endian: int count, int channels, int size, then count*c*s*s float32, then count int32 labels. */
    private static void dump(Path file, List<ImageTensor> images, int[] labels) throws IOException {
        ImageTensor first = images.get(0);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(images.size()).putInt(first.channels()).putInt(first.height());
            out.write(header.array());
            ByteBuffer buffer = ByteBuffer.allocate(first.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (ImageTensor image : images) {
                buffer.clear();
                buffer.asFloatBuffer().put(image.data());
                out.write(buffer.array());
            }
            ByteBuffer labelBuffer = ByteBuffer.allocate(labels.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            labelBuffer.asIntBuffer().put(labels);
            out.write(labelBuffer.array());
        }
    }

    private static double percentile(double[] sorted, double q) {
        int index = (int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)));
        return sorted[index];
    }

    /** A field of this process's /proc/self/status in kB (Linux); -1 elsewhere. */
    private static long rssKb(String field) {
        return ChildJvm.statusKb(ProcessHandle.current().pid(), field);
    }

    /** The benchmark's options (picocli); {@link #parse} returns null after printing help. */
    @Command(name = "covid benchmark engines", mixinStandardHelpOptions = true, sortOptions = false,
            defaultValueProvider = Options.Defaults.class,
            description = "Training and inference speed and memory of one engine on real Kermany X-rays.")
    static final class Options {
        @Mixin
        EngineOptions engine;

        @Mixin
        TrainingOptions training;

        @Mixin
        EngineBenchmarkOptions bench;

        @Option(names = "--dump-tensors", paramLabel = "FILE",
                description = "Also write the preprocessed images as float32 for reference_benchmark.py.")
        Path dumpTensors;

        @Option(names = "--result-json", paramLabel = "FILE",
                description = "Also write the measurements as JSON (the engine comparison reads them).")
        Path resultJson;

        static Options parse(String[] args, PrintWriter out) {
            Options o = new Options();
            CommandLine line = new CommandLine(o);
            line.setCaseInsensitiveEnumValuesAllowed(true);
            try {
                line.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new IllegalArgumentException(e.getMessage() + " (see covid benchmark engines --help)", e);
            }
            if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
                line.usage(out);
                return null;
            }
            return o;
        }

        /** The benchmark measures DJL unless told otherwise, as it always has. */
        static final class Defaults extends CommandDefaults {
            Defaults() {
                super(Map.of("--backend", "djl"));
            }
        }
    }
}
