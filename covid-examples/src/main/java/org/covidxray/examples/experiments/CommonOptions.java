package org.covidxray.examples.experiments;

import java.nio.file.Path;
import org.covidxray.examples.options.EngineOptions;
import org.covidxray.examples.options.SeedOption;
import org.covidxray.examples.options.TrainingOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every experiment takes: the shared engine, seed and training mixins, and the report folder.
 * An experiment that needs other defaults names a {@link org.covidxray.examples.options.CommandDefaults}
 * provider in its {@code @Command}; it never declares a shared option again nor writes to one.
 */
final class CommonOptions {
    @Mixin
    private EngineOptions engine;

    @Mixin
    private SeedOption seed;

    @Mixin
    private TrainingOptions training;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Report folder to write (created when missing; files in it are replaced).")
    private Path out;

    EngineOptions engine() {
        return engine;
    }

    long seed() {
        return seed.seed();
    }

    TrainingOptions training() {
        return training;
    }

    Path out() {
        return out;
    }
}
