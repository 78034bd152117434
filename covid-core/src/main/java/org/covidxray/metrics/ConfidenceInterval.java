package org.covidxray.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A point estimate with a two-sided confidence interval. Undefined bounds are NaN (JSON null).
 *
 * @param estimate the value on the full data
 * @param lower lower bound
 * @param upper upper bound
 * @param level coverage, e.g. 0.95
 * @param method how the bounds were found: "bootstrap percentile (images)", "bootstrap percentile
 *     (patients)" or "Wilson score"
 * @param resamples bootstrap resamples drawn (0 for closed-form intervals)
 * @param undefinedResamples resamples on which the metric was undefined and which were therefore left
 *     out of the percentiles (e.g. a resample without any positive image for sensitivity)
 */
public record ConfidenceInterval(double estimate, double lower, double upper, double level, String method,
                                 int resamples, int undefinedResamples) {

    /** True when both bounds are defined. */
    @JsonIgnore
    public boolean isDefined() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }
}
