package org.covidxray.examples.options;

import org.covidxray.data.PatientSplitter;
import org.covidxray.examples.common.UserException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --val-fraction} and {@code --test-fraction}: the shares of a patient-disjoint train / validation / test split. */
public final class SplitOptions {
    @Option(names = "--val-fraction", defaultValue = "0.15",
            description = "Share of images (whole patients) for validation (default: ${DEFAULT-VALUE}).")
    private double valFraction;

    @Mixin
    private TestFractionOption test;

    public double valFraction() {
        return valFraction;
    }

    public double testFraction() {
        return test.testFraction();
    }

    /** The splitter of these shares, the rest training; refuses shares that leave nothing to train on. */
    public PatientSplitter splitter(long seed) {
        if (valFraction < 0 || testFraction() < 0 || valFraction + testFraction() >= 1) {
            throw new UserException("--val-fraction and --test-fraction must be >= 0 and leave images for training "
                    + "(their sum must be below 1); got " + valFraction + " and " + testFraction() + ".");
        }
        return new PatientSplitter(1 - valFraction - testFraction(), valFraction, testFraction(), seed);
    }
}
