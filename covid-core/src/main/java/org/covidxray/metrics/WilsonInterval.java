package org.covidxray.metrics;

/**
 * Wilson score interval for a proportion k of n (Wilson, 1927): better coverage than the normal
 * approximation for small n or proportions near 0 or 1, and never outside [0, 1]. It assumes
 * independent images; when several images come from one patient prefer the patient
 * {@link Bootstrap}.
 */
public final class WilsonInterval {
    private WilsonInterval() {
    }

    /** The 95% interval of k successes out of n. */
    public static ConfidenceInterval of(long successes, long trials) {
        return of(successes, trials, 0.95);
    }

    /** The interval at {@code level} (e.g. 0.95); all NaN when {@code trials} is 0. */
    public static ConfidenceInterval of(long successes, long trials, double level) {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new MetricsInputException("Wilson interval needs 0 <= successes <= trials, got " + successes
                    + " of " + trials);
        }
        if (!(level > 0 && level < 1)) {
            throw new MetricsInputException("confidence level " + level + " is not in (0, 1)");
        }
        if (trials == 0) {
            return new ConfidenceInterval(Double.NaN, Double.NaN, Double.NaN, level, "Wilson score", 0, 0);
        }
        double z = NormalQuantile.of(1 - (1 - level) / 2);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new ConfidenceInterval(p, Math.max(0, centre - half), Math.min(1, centre + half), level,
                "Wilson score", 0, 0);
    }
}
