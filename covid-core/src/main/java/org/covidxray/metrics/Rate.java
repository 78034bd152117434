package org.covidxray.metrics;

import java.util.Locale;

/**
 * A proportion k of n with its 95% Wilson interval, e.g. sensitivity = true positives of all positives.
 * The estimate and bounds are NaN (JSON {@code null}, "n/a" in text) when n is 0.
 *
 * @param successes k
 * @param trials n
 * @param interval the estimate k / n with its Wilson score bounds
 */
public record Rate(long successes, long trials, ConfidenceInterval interval) {

    public static Rate of(long successes, long trials) {
        return new Rate(successes, trials, WilsonInterval.of(successes, trials));
    }

    public double estimate() {
        return interval.estimate();
    }

    /** "80.0% (8/10; 95% CI 49.0–94.3%)", or "n/a (0/0)". */
    public String text() {
        if (trials == 0) {
            return "n/a (0/0)";
        }
        return String.format(Locale.ROOT, "%.1f%% (%d/%d; 95%% CI %.1f–%.1f%%)", 100 * interval.estimate(), successes,
                trials, 100 * interval.lower(), 100 * interval.upper());
    }
}
