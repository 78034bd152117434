package org.covidxray.metrics;

/**
 * One line of a classification report. Undefined values are NaN.
 *
 * @param name class name, or "macro avg" / "weighted avg"
 * @param precision of the images predicted as this class, the fraction that are
 * @param recall of the images of this class, the fraction found (sensitivity)
 * @param f1 harmonic mean of precision and recall
 * @param support images whose true class is this one (all images for the averages)
 */
public record ClassScores(String name, double precision, double recall, double f1, int support) {
}
