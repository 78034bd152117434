package org.covidxray.metrics;

/**
 * Threshold metrics of a binary classifier (class 1 positive). Every ratio whose denominator is 0 is
 * NaN (undefined), never 0; F1 is undefined when precision or sensitivity is, and 0 when both are 0.
 *
 * @param threshold an image is called positive when its score is {@code >= threshold}
 * @param truePositives positives called positive
 * @param falsePositives negatives called positive
 * @param trueNegatives negatives called negative
 * @param falseNegatives positives called negative
 * @param accuracy (TP + TN) / all
 * @param sensitivity recall, true-positive rate: TP / (TP + FN)
 * @param specificity true-negative rate: TN / (TN + FP)
 * @param precision positive predictive value: TP / (TP + FP)
 * @param npv negative predictive value: TN / (TN + FN)
 * @param f1 harmonic mean of precision and sensitivity
 */
public record BinaryMetrics(double threshold, int truePositives, int falsePositives, int trueNegatives,
                            int falseNegatives, double accuracy, double sensitivity, double specificity,
                            double precision, double npv, double f1) {

    /** Metrics of binary labels (1 = positive) and scores at {@code threshold} (score >= threshold is positive). */
    public static BinaryMetrics at(int[] labels, double[] scores, double threshold) {
        ConfusionMatrix m = ConfusionMatrix.ofBinary(labels, scores, threshold);
        return fromCounts(threshold, m.count(1, 1), m.count(0, 1), m.count(0, 0), m.count(1, 0));
    }

    /** Metrics of class {@code positiveClass} against all others, thresholding its probability. */
    public static BinaryMetrics oneVsRest(int[] labels, double[][] probabilities, int positiveClass,
                                          double threshold) {
        int classes = Inputs.multiclass(labels, probabilities);
        Inputs.positiveClass(positiveClass, classes);
        return at(Inputs.oneVsRestLabels(labels, positiveClass), Inputs.column(probabilities, positiveClass),
                threshold);
    }

    public static BinaryMetrics fromCounts(double threshold, int tp, int fp, int tn, int fn) {
        double precision = Inputs.ratio(tp, tp + fp);
        double sensitivity = Inputs.ratio(tp, tp + fn);
        return new BinaryMetrics(threshold, tp, fp, tn, fn,
                Inputs.ratio(tp + tn, tp + fp + tn + fn),
                sensitivity,
                Inputs.ratio(tn, tn + fp),
                precision,
                Inputs.ratio(tn, tn + fn),
                f1(precision, sensitivity));
    }

    static double f1(double precision, double recall) {
        if (Double.isNaN(precision) || Double.isNaN(recall)) {
            return Double.NaN;
        }
        double sum = precision + recall;
        return sum == 0 ? 0.0 : 2 * precision * recall / sum;
    }

    /** Positives in the data (TP + FN). */
    public int positives() {
        return truePositives + falseNegatives;
    }

    /** Negatives in the data (TN + FP). */
    public int negatives() {
        return trueNegatives + falsePositives;
    }
}
