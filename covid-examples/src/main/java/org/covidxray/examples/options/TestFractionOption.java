package org.covidxray.examples.options;

import picocli.CommandLine.Option;

/**
 * {@code --test-fraction}: the share held out for testing. On its own for protocols without a
 * validation part (the original project's); {@link SplitOptions} includes it.
 */
public final class TestFractionOption {
    @Option(names = "--test-fraction", defaultValue = "0.15",
            description = "Share of images (whole patients) held out for testing (default: ${DEFAULT-VALUE}).")
    private double testFraction;

    public double testFraction() {
        return testFraction;
    }
}
