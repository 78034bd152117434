package org.covidxray.metrics;

/**
 * Brier score of binary predictions: the mean squared difference between the predicted probability
 * of the positive class and the outcome (1 or 0), as scikit-learn's {@code brier_score_loss}. Lower
 * is better. Undefined (NaN) when the data holds only one class: the project's golden files treat it
 * like AUC there, because a score on a single class says nothing about discrimination and is not
 * comparable with scores on mixed data.
 */
public final class BrierScore {
    private BrierScore() {
    }

    /**
     * The Brier score of binary labels and positive-class probabilities.
     *
     * @param labels 1 = positive, 0 = negative
     * @param probabilities probability of the positive class
     */
    public static double binary(int[] labels, double[] probabilities) {
        Inputs.binary(labels, probabilities);
        int positives = 0;
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            positives += labels[i];
            double d = labels[i] - probabilities[i];
            sum += d * d;
        }
        if (positives == 0 || positives == labels.length) {
            return Double.NaN;
        }
        return sum / labels.length;
    }

    /** Brier score of class {@code positiveClass} against all others. */
    public static double oneVsRest(int[] labels, double[][] probabilities, int positiveClass) {
        int classes = Inputs.multiclass(labels, probabilities);
        Inputs.positiveClass(positiveClass, classes);
        return binary(Inputs.oneVsRestLabels(labels, positiveClass), Inputs.column(probabilities, positiveClass));
    }
}
