package org.covidxray.examples.experiments;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every experiment takes: engine, output folder, seed and the training basics. */
final class CommonOptions {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Engine: djl or dl4j (default: the best usable one, or -Dcovid.backend).")
    String backend;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Report folder to write (created when missing; files in it are replaced).")
    Path out;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seeds splits, initialisation, shuffling, augmentation and bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--image-size", defaultValue = "224", description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--arch", paramLabel = "cnn4|vgg5", defaultValue = "cnn4",
            description = "Network preset (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs per training run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--cache-mb", defaultValue = "2048",
            description = "Memory for preprocessed training images in MB (default: ${DEFAULT-VALUE}).")
    long cacheMb;
}
