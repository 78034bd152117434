package org.covidxray.metrics;

/**
 * One bar of a reliability diagram.
 *
 * @param lower lower edge of the bin (exclusive, except 0 for the first bin)
 * @param upper upper edge of the bin (inclusive)
 * @param count images whose predicted probability falls in the bin
 * @param meanPredicted mean predicted probability in the bin; NaN when empty
 * @param observedFrequency fraction of those images that were positive (or correct); NaN when empty
 */
public record CalibrationBin(double lower, double upper, int count, double meanPredicted,
                             double observedFrequency) {

    /** |observed - predicted|; NaN for an empty bin. */
    public double gap() {
        return Math.abs(observedFrequency - meanPredicted);
    }
}
