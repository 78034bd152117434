package org.covidxray.examples.options;

import picocli.CommandLine.Option;

/** {@code --seed}: one seed for everything random in a run, so that a run can be repeated exactly. */
public final class SeedOption {
    @Option(names = "--seed", defaultValue = "42",
            description = "Seeds splits, initialisation, shuffling, augmentation and bootstrap (default: ${DEFAULT-VALUE}).")
    private long seed;

    public long seed() {
        return seed;
    }
}
