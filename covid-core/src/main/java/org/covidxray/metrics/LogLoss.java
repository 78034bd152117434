package org.covidxray.metrics;

/**
 * Multi-class logarithmic loss (cross-entropy) as scikit-learn 1.2's {@code log_loss} with
 * {@code eps="auto"}: every probability is clipped to {@code [eps, 1 - eps]} with eps the machine
 * epsilon of double (2.22e-16), each row is then divided by its sum, and the loss is the mean of
 * {@code -ln p(true class)}. NaN for no data.
 */
public final class LogLoss {
    /** The clipping bound, numpy's {@code finfo(float64).eps}. */
    public static final double EPS = Math.ulp(1.0);

    private LogLoss() {
    }

    /**
     * The mean log loss of class labels and probability rows.
     *
     * @param labels true class of each image
     * @param probabilities one row per image, one column per class
     */
    public static double of(int[] labels, double[][] probabilities) {
        int classes = Inputs.multiclass(labels, probabilities);
        if (labels.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double rowSum = 0;
            for (int c = 0; c < classes; c++) {
                rowSum += clip(probabilities[i][c]);
            }
            sum -= Math.log(clip(probabilities[i][labels[i]]) / rowSum);
        }
        return sum / labels.length;
    }

    /** Binary log loss from the probability of the positive class (label 1). */
    public static double binary(int[] labels, double[] probabilities) {
        Inputs.binary(labels, probabilities);
        double[][] rows = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            rows[i] = new double[] {1 - probabilities[i], probabilities[i]};
        }
        return of(labels, rows);
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }
}
