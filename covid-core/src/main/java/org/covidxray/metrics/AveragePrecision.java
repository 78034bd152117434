package org.covidxray.metrics;

/**
 * Average precision as scikit-learn's {@code average_precision_score}: the step-wise area under the
 * precision-recall curve, {@code sum over thresholds of (R_n - R_{n-1}) * P_n}, without interpolation.
 * Undefined (NaN) when there is no positive image.
 */
public final class AveragePrecision {
    private AveragePrecision() {
    }

    /**
     * The average precision of binary labels and scores.
     *
     * @param labels 1 = positive, 0 = negative
     * @param scores higher means more likely positive
     */
    public static double binary(int[] labels, double[] scores) {
        ThresholdSweep sweep = ThresholdSweep.of(labels, scores);
        double positives = sweep.positives();
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        double previousRecall = 0;
        for (int i = 0; i < sweep.size(); i++) {
            double tp = sweep.truePositives[i];
            double recall = tp / positives;
            double precision = tp / (tp + sweep.falsePositives[i]);
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return sum;
    }

    /** Average precision of class {@code positiveClass} against all others. */
    public static double oneVsRest(int[] labels, double[][] probabilities, int positiveClass) {
        int classes = Inputs.multiclass(labels, probabilities);
        Inputs.positiveClass(positiveClass, classes);
        return binary(Inputs.oneVsRestLabels(labels, positiveClass), Inputs.column(probabilities, positiveClass));
    }
}
