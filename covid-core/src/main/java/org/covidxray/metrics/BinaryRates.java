package org.covidxray.metrics;

import java.util.List;

/**
 * Threshold metrics of a binary decision with Wilson intervals. Wilson intervals treat images as
 * independent; with several images per patient the patient bootstrap of {@link Evaluation#report()} is
 * the more honest interval.
 *
 * @param threshold positive when the score is {@code >= threshold}
 * @param accuracy correct of all images
 * @param sensitivity positives called positive
 * @param specificity negatives called negative
 * @param ppv called positive that are positive
 */
public record BinaryRates(double threshold, Rate accuracy, Rate sensitivity, Rate specificity, Rate ppv) {

    /** Rates of {@code scores >= threshold} against 0/1 {@code labels}. */
    public static BinaryRates of(int[] labels, double[] scores, double threshold) {
        BinaryMetrics m = BinaryMetrics.at(labels, scores, threshold);
        return fromCounts(threshold, m.truePositives(), m.falsePositives(), m.trueNegatives(), m.falseNegatives());
    }

    public static BinaryRates fromCounts(double threshold, long tp, long fp, long tn, long fn) {
        return new BinaryRates(threshold, Rate.of(tp + tn, tp + fp + tn + fn), Rate.of(tp, tp + fn),
                Rate.of(tn, tn + fp), Rate.of(tp, tp + fp));
    }

    /** Rows of metric name and {@link Rate#text()}, for tables. */
    public List<List<String>> rows() {
        return List.of(List.of("accuracy", accuracy.text()), List.of("sensitivity", sensitivity.text()),
                List.of("specificity", specificity.text()), List.of("PPV (precision)", ppv.text()));
    }
}
