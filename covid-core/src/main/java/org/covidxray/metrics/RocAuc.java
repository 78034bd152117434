package org.covidxray.metrics;

/**
 * Area under the ROC curve, computed exactly as scikit-learn's {@code roc_auc_score}: the probability
 * that a random positive scores above a random negative, ties counting one half (Mann-Whitney U).
 * Undefined (NaN) when only one class is present. Equal to {@link RocCurve#auc()} of the same data.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * @param truth 1 for positive; any other value counts as negative
     * @param scores higher means more likely positive; a NaN score makes the AUC NaN
     */
    public static double binary(int[] truth, double[] scores) {
        if (truth.length != scores.length) {
            throw new MetricsInputException(truth.length + " labels but " + scores.length + " scores");
        }
        for (double s : scores) {
            if (Double.isNaN(s)) {
                return Double.NaN;
            }
        }
        double[][] split = SortedScores.split(truth, scores);
        double[] negatives = split[0];
        double[] positives = split[1];
        if (positives.length == 0 || negatives.length == 0) {
            return Double.NaN;
        }
        // for each positive: negatives scored lower count 1, negatives tied with it count 1/2
        double wins = 0;
        int below = 0;
        double previous = Double.NaN;
        double previousWins = 0;
        for (double p : positives) {
            if (p != previous) {
                while (below < negatives.length && negatives[below] < p) {
                    below++;
                }
                int tied = below;
                while (tied < negatives.length && negatives[tied] == p) {
                    tied++;
                }
                previousWins = below + 0.5 * (tied - below);
                previous = p;
            }
            wins += previousWins;
        }
        return wins / ((double) positives.length * negatives.length);
    }

    /** AUC of class {@code positiveClass} against all others. */
    public static double oneVsRest(int[] truth, double[][] probabilities, int positiveClass) {
        int[] binary = new int[truth.length];
        double[] scores = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            binary[i] = truth[i] == positiveClass ? 1 : 0;
            scores[i] = probabilities[i][positiveClass];
        }
        return binary(binary, scores);
    }

    /**
     * Unweighted mean of the one-vs-rest AUCs (scikit-learn's {@code multi_class="ovr", average="macro"});
     * for two classes, the AUC of class 1. NaN when any class is absent.
     */
    public static double oneVsRestMacro(int[] truth, double[][] probabilities) {
        int k = probabilities.length == 0 ? 0 : probabilities[0].length;
        if (k == 2) {
            return oneVsRest(truth, probabilities, 1);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += oneVsRest(truth, probabilities, c);
        }
        return sum / k;
    }
}
