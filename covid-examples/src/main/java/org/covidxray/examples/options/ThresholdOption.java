package org.covidxray.examples.options;

import picocli.CommandLine.Option;

/** {@code --threshold}: the probability at which the positive class is called. */
public final class ThresholdOption {
    @Option(names = "--threshold", paramLabel = "P",
            description = "Call the positive class when its probability is at least this (default: the model card's "
                    + "threshold, else 0.5).")
    private Double threshold;

    /** The threshold given, or null for the model card's (else 0.5). */
    public Double threshold() {
        return threshold;
    }
}
