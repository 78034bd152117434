package org.covidxray.examples.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.covidxray.examples.common.UserException;
import picocli.CommandLine.Option;

/**
 * What the engine benchmark measures on: the images and how many timed steps and predictions. Taken by
 * {@code covid benchmark engines} and by the engine comparison experiment, which hands them on to the
 * benchmark's child JVM with {@link #arguments()}.
 */
public final class EngineBenchmarkOptions {
    @Option(names = "--images", paramLabel = "DIR", defaultValue = "../shared/data/kaggle-pneumonia/train",
            description = "Kermany tree whose NORMAL/ and PNEUMONIA/ images are used (default: ${DEFAULT-VALUE}).")
    private Path images;

    @Option(names = "--count", defaultValue = "256", description = "Images to load (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--train-steps", defaultValue = "30", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    private int trainSteps;

    @Option(names = "--warmup-steps", defaultValue = "3",
            description = "Untimed training steps before the timed ones (default: ${DEFAULT-VALUE}). DL4J's Java "
                    + "loops take about 15 steps to reach their steady speed on 2 cores (docs/benchmarks.md).")
    private int warmupSteps;

    @Option(names = "--latency-runs", defaultValue = "300",
            description = "Timed batch-1 predictions (default: ${DEFAULT-VALUE}).")
    private int latencyRuns;

    @Option(names = "--predictions", defaultValue = "5000",
            description = "Single predictions run to watch memory grow (default: ${DEFAULT-VALUE}).")
    private int predictions;

    public Path images() {
        return images;
    }

    public int count() {
        return count;
    }

    public int trainSteps() {
        return trainSteps;
    }

    /** Untimed training steps before the timed ones; at least 0. */
    public int warmupSteps() {
        if (warmupSteps < 0) {
            throw new UserException("--warmup-steps " + warmupSteps + " is negative; give 0 or more steps.");
        }
        return warmupSteps;
    }

    public int latencyRuns() {
        return latencyRuns;
    }

    public int predictions() {
        return predictions;
    }

    /** The images a run uses: the first {@code --count / 2} files of NORMAL/ and of PNEUMONIA/, by name. */
    public List<Path> imageFiles() {
        List<Path> files = new ArrayList<>();
        for (String cls : List.of("NORMAL", "PNEUMONIA")) {
            Path folder = images.resolve(cls);
            if (!Files.isDirectory(folder)) {
                throw new UserException("--images " + images + " has no " + cls + "/ folder; point it at a Kermany "
                        + "tree (chest_xray/train).");
            }
            try (Stream<Path> list = Files.list(folder)) {
                files.addAll(list.sorted().limit(count / 2).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** These options as command-line arguments, for a child process that takes the same mixin. */
    public List<String> arguments() {
        return List.of("--images", images.toString(), "--count", String.valueOf(count), "--train-steps",
                String.valueOf(trainSteps), "--warmup-steps", String.valueOf(warmupSteps()), "--latency-runs",
                String.valueOf(latencyRuns), "--predictions",
                String.valueOf(predictions));
    }
}
