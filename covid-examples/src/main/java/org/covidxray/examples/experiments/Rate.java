package org.covidxray.examples.experiments;

import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.WilsonInterval;

/**
 * A proportion k of n with its 95% Wilson interval, e.g. sensitivity = true positives of all positives.
 * The estimate and bounds are NaN (JSON {@code null}, "n/a" in text) when n is 0.
 *
 * @param successes k
 * @param trials n
 * @param interval the estimate k / n with its Wilson score bounds
 */
record Rate(long successes, long trials, ConfidenceInterval interval) {

    static Rate of(long successes, long trials) {
        return new Rate(successes, trials, WilsonInterval.of(successes, trials));
    }

    double estimate() {
        return interval.estimate();
    }

    /** "80.0% (8/10; 95% CI 49.0–94.3%)", or "n/a (0/0)". */
    String text() {
        if (trials == 0) {
            return "n/a (0/0)";
        }
        return Text.percent(interval.estimate()) + " (" + successes + "/" + trials + "; 95% CI "
                + Text.percentRange(interval.lower(), interval.upper()) + ")";
    }
}
