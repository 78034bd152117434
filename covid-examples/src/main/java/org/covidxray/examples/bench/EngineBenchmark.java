package org.covidxray.examples.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Measures one engine through the SPI on real Kermany X-rays: training images/s (default network,
 * 224 px, batch 32, Adam), inference latency for one image (p50, p95), batch-32 inference images/s,
 * and resident memory (before and after a long run of single predictions, and the peak). Prints a
 * table; optionally writes the preprocessed images as raw float32 so that
 * {@code src/main/python/reference_benchmark.py} measures the identical network on identical data.
 *
 * <pre>
 * java -cp ... org.covidxray.examples.bench.EngineBenchmark [--backend djl] [--size 224] [--batch 32]
 *     [--images ../shared/data/kaggle-pneumonia/train] [--count 256] [--train-steps 30]
 *     [--latency-runs 300] [--predictions 5000] [--dump-tensors file.f32]
 * </pre>
 */
public final class EngineBenchmark {
    private EngineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        if (o == null) {
            return;
        }
        Backend backend = Backends.get(o.backend);
        Device device = backend.devices().get(0);
        long rssStart = rssKb("VmRSS");
        List<ImageTensor> images = load(o);
        int[] labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        if (o.dumpTensors != null) {
            dump(o.dumpTensors, images, labels);
        }
        Architecture architecture = Architecture.defaultCnn(o.size);
        TrainingConfig config = TrainingConfig.builder().setEpochs(1).optBatchSize(o.batch).optLearningRate(1e-3)
                .optSeed(1).build();
        NetworkSpec spec = new NetworkSpec(architecture, List.of("normal", "pneumonia"), config, null, device);
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "engine            %s (%s)", backend.engineVersion(), device));
        rows.add(String.format(Locale.ROOT, "data              %d Kermany images, %d px, batch %d, %s",
                images.size(), o.size, o.batch, architecture.name()));
        Classifier trained;
        try (TrainableNetwork network = backend.createNetwork(spec)) {
            int warmup = 3;
            for (int s = 0; s < warmup; s++) {
                network.trainStep(batch(images, labels, s, o.batch));
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < o.trainSteps; s++) {
                network.trainStep(batch(images, labels, s + warmup, o.batch));
            }
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            rows.add(String.format(Locale.ROOT, "train img/s       %.1f  (%d steps)", o.trainSteps * o.batch / trainSeconds,
                    o.trainSteps));
            rows.add(String.format(Locale.ROOT, "RSS after training %d MB (peak so far %d MB)", rssKb("VmRSS") / 1024,
                    rssKb("VmHWM") / 1024));

            ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "benchmark",
                    backend.name(), backend.engineVersion(), network.weightsFormat(), architecture,
                    spec.classNames(), PreprocessingConfig.defaults(o.size), null, "benchmark",
                    Instant.now().toString(), null, null);
            trained = network.toClassifier(manifest);
        }
        // the training network is closed first, as after a real training run: what follows measures serving
        try (Classifier classifier = trained) {
            for (int i = 0; i < 20; i++) {
                classifier.predict(images.get(i % images.size()));
            }
            double[] latencies = new double[o.latencyRuns];
            for (int i = 0; i < o.latencyRuns; i++) {
                long s = System.nanoTime();
                classifier.predict(images.get(i % images.size()));
                latencies[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(latencies);
            rows.add(String.format(Locale.ROOT, "batch-1 latency   p50 %.2f ms, p95 %.2f ms",
                    percentile(latencies, 0.50), percentile(latencies, 0.95)));

            int batches = Math.max(1, images.size() / o.batch);
            classifier.predict(images.subList(0, o.batch));
            long b0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                classifier.predict(images.subList(b * o.batch, (b + 1) * o.batch));
            }
            double inferSeconds = (System.nanoTime() - b0) / 1e9;
            rows.add(String.format(Locale.ROOT, "batch-%d img/s    %.1f", o.batch, batches * o.batch / inferSeconds));

            // resident memory after every fifth of the run: a native leak grows linearly, while the
            // JVM heap touching its pages for the first time levels off
            long before = rssKb("VmRSS");
            List<String> checkpoints = new ArrayList<>();
            int fifth = Math.max(1, o.predictions / 5);
            for (int i = 0; i < o.predictions; i++) {
                classifier.predict(images.get(i % images.size()));
                if ((i + 1) % fifth == 0) {
                    checkpoints.add(String.valueOf(rssKb("VmRSS") / 1024));
                }
            }
            long after = rssKb("VmRSS");
            rows.add(String.format(Locale.ROOT, "RSS               start %d MB, before %d predictions %d MB, after %d MB",
                    rssStart / 1024, o.predictions, before / 1024, after / 1024));
            rows.add("RSS every " + fifth + "     " + String.join(", ", checkpoints) + " MB");
        }
        rows.add(String.format(Locale.ROOT, "peak RSS (VmHWM)  %d MB", rssKb("VmHWM") / 1024));
        System.out.println(String.join(System.lineSeparator(), rows));
    }

    /** The images a run uses: the first {@code count / 2} files of NORMAL/ and of PNEUMONIA/, by name. */
    public static List<Path> imageFiles(Path tree, int count) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String cls : List.of("NORMAL", "PNEUMONIA")) {
            try (Stream<Path> list = Files.list(tree.resolve(cls))) {
                files.addAll(list.sorted().limit(count / 2).toList());
            }
        }
        return files;
    }

    private static List<ImageTensor> load(Options o) throws IOException {
        Preprocessor preprocessor = new Preprocessor(PreprocessingConfig.defaults(o.size));
        List<Path> files = imageFiles(o.images, o.count);
        // interleave classes so that every batch has both
        List<Path> ordered = new ArrayList<>();
        int half = files.size() / 2;
        for (int i = 0; i < half; i++) {
            ordered.add(files.get(i));
            ordered.add(files.get(half + i));
        }
        return ordered.parallelStream().map(preprocessor::load).toList();
    }

    private static Batch batch(List<ImageTensor> images, int[] labels, int step, int size) {
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

    /** A field of /proc/self/status in kB (Linux); -1 elsewhere. */
    private static long rssKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The benchmark's options (picocli); {@link #parse} returns null after printing help. */
    @Command(name = "covid benchmark engines", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Training and inference speed and memory of one engine on real Kermany X-rays.")
    static final class Options {
        @Option(names = "--backend", defaultValue = "djl", description = "Engine (default: ${DEFAULT-VALUE}).")
        String backend;

        @Option(names = "--size", defaultValue = "224", description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--batch", defaultValue = "32", description = "Training batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--images", defaultValue = "../shared/data/kaggle-pneumonia/train",
                description = "Kermany tree with NORMAL/ and PNEUMONIA/ (default: ${DEFAULT-VALUE}).")
        Path images;

        @Option(names = "--count", defaultValue = "256", description = "Images to load (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--train-steps", defaultValue = "30", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
        int trainSteps;

        @Option(names = "--latency-runs", defaultValue = "300",
                description = "Timed single predictions (default: ${DEFAULT-VALUE}).")
        int latencyRuns;

        @Option(names = "--predictions", defaultValue = "5000",
                description = "Single predictions of the memory run (default: ${DEFAULT-VALUE}).")
        int predictions;

        @Option(names = "--dump-tensors", paramLabel = "FILE",
                description = "Also write the preprocessed images as float32 for reference_benchmark.py.")
        Path dumpTensors;

        static Options parse(String[] args) {
            Options o = new Options();
            CommandLine line = new CommandLine(o);
            try {
                line.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new IllegalArgumentException(e.getMessage() + " (see covid benchmark engines --help)", e);
            }
            if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
                line.usage(System.out);
                return null;
            }
            return o;
        }
    }
}
