package org.covidxray.examples.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.KermanyDataset;
import org.covidxray.data.Sample;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.LoadGuard;
import org.covidxray.examples.common.UserException;
import org.covidxray.examples.options.CommandDefaults;
import org.covidxray.examples.options.EngineOptions;
import org.covidxray.examples.options.LoadOptions;
import org.covidxray.examples.options.SeedOption;
import org.covidxray.examples.options.TrainingOptions;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingConfig;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingListener;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Whether the training pipeline keeps the engine busy: trains on real Kermany images through
 * {@link TrainingLoop}, the code path of {@code covid train} (tensor cache, background batch loader,
 * augmentation), and compares each epoch's images/s, as the loop timed it, with the engine's raw step rate
 * on batches of the same images already in memory (as {@link EngineBenchmark} measures it). Prints both
 * and their ratio ({@link PipelineRates}). Repeats the pair (loop run, raw run, each on a fresh network)
 * {@code --repeats} times, checks the load average before every run as {@code covid experiment engines} does,
 * and reports the medians, or "not a result" (exit 3) when another process competed for the cores.
 *
 * <pre>
 * covid benchmark pipeline --backend djl --image-size 224 --batch-size 32 --data ../shared/data/kaggle-pneumonia/train
 *     [--count 256] [--epochs 2] [--raw-steps 8] [--repeats 3] [--max-load 0.7] [--augment] [--cache-mb 0]
 * </pre>
 */
public final class PipelineBenchmark {
    private PipelineBenchmark() {
    }

    /**
     * Parses {@code args}, measures and prints to {@code out}; returns the exit code:
     * {@link ExitCodes#NOT_A_RESULT} when the load average showed another process competing.
     */
    public static int run(String[] args, PrintWriter out) {
        Options o = new Options();
        CommandLine line = new CommandLine(o);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UserException(e.getMessage() + " (see covid benchmark pipeline --help)");
        }
        if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
            line.usage(out);
            return ExitCodes.OK;
        }
        if (o.repeats < 1) {
            throw new UserException("--repeats must be at least 1");
        }
        try {
            return measure(o, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("Interrupted while waiting for a quiet machine");
        }
    }

    /**
     * {@code --repeats} pairs, each a training run through the loop then the raw step rate on a fresh network, with
     * the load checked before every run; prints every pair and the medians.
     */
    private static int measure(Options o, PrintWriter out) throws InterruptedException {
        Backend backend = o.engine.backend();
        Device device = o.engine.device(backend, out);
        long seed = o.seed.seed();
        Dataset data = subset(new KermanyDataset().load(DatasetOptions.builder().setRoot(o.data)
                .optClassOrder(List.of("normal", "pneumonia")).optSeed(seed).build()), o.count);
        TrainingConfig config = o.training.config(seed).build();
        out.printf(Locale.ROOT, "%s (%s): %d Kermany images from %s, %d px, batch %d, %d epochs%s, cache %d MB, "
                        + "%d interleaved repetitions%n", backend.engineVersion(), device, data.size(), o.data,
                o.training.imageSize(), config.batchSize(), config.epochs(), o.training.augment() ? ", augmented" : "",
                o.training.cacheBytes() >> 20, o.repeats);
        out.flush();
        // decoded once for all raw runs, outside any timing: the raw rate is the engine alone
        Preprocessor preprocessor = new Preprocessor(o.training.preprocessing());
        List<ImageTensor> images = data.samples().parallelStream().map(s -> preprocessor.load(s.path())).toList();
        LoadGuard guard = o.load.guard();
        List<PipelineRates> runs = new ArrayList<>();
        for (int r = 1; r <= o.repeats; r++) {
            double loadBefore = guard.awaitQuiet();
            out.printf(Locale.ROOT, "--- repetition %d of %d (1-minute load before the loop run %.2f)%n", r, o.repeats,
                    loadBefore);
            out.flush();
            LoopRun loop = trainThroughLoop(o, backend, device, data, config);
            double loadBetween = guard.awaitQuiet();
            out.printf(Locale.ROOT, "1-minute load before the raw run %.2f%n", loadBetween);
            double raw = rawStepRate(o, backend, device, images, data.labelIndices(), data.classNames(), config, out);
            PipelineRates rates = new PipelineRates(loop.epochRates(), loop.firstEpochEndToEnd(), raw, loop.cached());
            runs.add(rates);
            out.println(rates.toText());
            out.flush();
        }
        guard.awaitQuiet();
        LoadGuard.Verdict load = guard.verdict();
        boolean notAResult = o.load.notAResult(load);
        out.printf(Locale.ROOT, "=== medians of %d repetition%s%s%n%s%n%s%n", o.repeats, o.repeats == 1 ? "" : "s",
                notAResult ? String.format(Locale.ROOT, " - not a result (load %.2f)", load.worst()) : "",
                PipelineRates.medians(runs).toText(), o.load.text(load));
        out.flush();
        return notAResult ? ExitCodes.NOT_A_RESULT : ExitCodes.OK;
    }

    /**
     * What one training run through the loop gave.
     *
     * @param epochRates each epoch's images/s as the loop timed it
     * @param firstEpochEndToEnd epoch 1's images over the time from the loop's start to epoch 1's end
     * @param cached whether the tensor cache held the images
     */
    private record LoopRun(List<Double> epochRates, double firstEpochEndToEnd, boolean cached) {
    }

    private static LoopRun trainThroughLoop(Options o, Backend backend, Device device, Dataset data,
                                            TrainingConfig config) {
        long[] epochEnds = new long[config.epochs()];
        TrainingListener timing = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult result, boolean improved) {
                epochEnds[result.epoch() - 1] = System.nanoTime();
            }
        };
        TrainingRequest request = TrainingRequest.builder().setBackend(backend).optDevice(device)
                .setArchitecture(o.training.architecture()).optPreprocessing(o.training.preprocessing())
                .optConfig(config).setTrain(data).optCacheBudgetBytes(o.training.cacheBytes()).build();
        long start = System.nanoTime();
        List<Double> epochRates = new ArrayList<>();
        int firstEpochImages;
        try (TrainedModel trained = new TrainingLoop(request, timing).run()) {
            List<EpochResult> epochs = trained.history().epochs();
            epochs.forEach(e -> epochRates.add(e.imagesPerSecond()));
            firstEpochImages = epochs.isEmpty() ? 0 : (int) Math.round(epochs.get(0).imagesPerSecond()
                    * epochs.get(0).seconds());
        }
        double endToEnd = epochEnds[0] > 0 ? firstEpochImages / ((epochEnds[0] - start) / 1e9) : Double.NaN;
        return new LoopRun(epochRates, endToEnd, TrainingLoop.cachesTrainingImages(request));
    }

    /** Training steps on batches of the same images, preprocessed beforehand: the engine alone. */
    private static double rawStepRate(Options o, Backend backend, Device device, List<ImageTensor> images,
                                      int[] labels, List<String> classNames, TrainingConfig config, PrintWriter out) {
        NetworkSpec spec = new NetworkSpec(o.training.architecture(), classNames, config, null, device);
        int batchSize = config.batchSize();
        try (TrainableNetwork network = backend.createNetwork(spec)) {
            int warmup = 3;
            long w0 = System.nanoTime();
            for (int s = 0; s < warmup; s++) {
                network.trainStep(EngineBenchmark.batch(images, labels, s, batchSize));
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < o.rawSteps; s++) {
                network.trainStep(EngineBenchmark.batch(images, labels, s + warmup, batchSize));
            }
            double rate = o.rawSteps * batchSize / ((System.nanoTime() - t0) / 1e9);
            // a fresh network's first steps are slow (native kernels chosen, memory first touched): epoch 1 pays that
            out.printf(Locale.ROOT, "warm-up                 the first %d steps of a fresh network took %.2f s, "
                    + "%.2f s at the raw rate%n", warmup, (t0 - w0) / 1e9, warmup * batchSize / rate);
            return rate;
        }
    }

    /** The first {@code count / 2} images of each class by file name, as the engine benchmark takes them. */
    static Dataset subset(Dataset all, int count) {
        Map<String, List<Sample>> byLabel = all.samples().stream().collect(Collectors.groupingBy(Sample::label));
        Set<Sample> keep = new HashSet<>();
        byLabel.values().forEach(list -> list.stream().sorted(Comparator.comparing(s -> s.path().toString()))
                .limit(count / 2).forEach(keep::add));
        return all.filter("first " + count / 2 + " per class", keep::contains);
    }

    /** The benchmark's options (picocli). */
    @Command(name = "covid benchmark pipeline", mixinStandardHelpOptions = true, sortOptions = false,
            defaultValueProvider = Options.Defaults.class,
            description = "Training images/s through covid train's pipeline against the engine's raw step rate.")
    static final class Options {
        @Mixin
        EngineOptions engine;

        @Mixin
        TrainingOptions training;

        @Mixin
        SeedOption seed;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/kaggle-pneumonia/train",
                description = "Kermany tree (NORMAL/, PNEUMONIA/) to train on (default: ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--count", defaultValue = "256",
                description = "Images: the first half of this of each class by name (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--raw-steps", defaultValue = "8",
                description = "Timed steps of the raw step rate (default: ${DEFAULT-VALUE}).")
        int rawSteps;

        @Option(names = "--repeats", defaultValue = "3",
                description = "Repetitions, each a training run through the loop and then a raw run, interleaved; "
                        + "the medians are reported (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Mixin
        LoadOptions load;

        /** Two epochs (the first and one from the tensor cache) on DJL unless told otherwise. */
        static final class Defaults extends CommandDefaults {
            Defaults() {
                super(Map.of("--backend", "djl", "--epochs", "2"));
            }
        }
    }
}
