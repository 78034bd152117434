package org.covidxray.metrics;

/**
 * Area under the ROC curve, computed exactly as scikit-learn's {@code roc_auc_score}: tied scores
 * count one half (Mann-Whitney U with mid-ranks). Undefined (NaN) when only one class is present.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * @param truth 1 for positive, 0 for negative
     * @param scores higher means more likely positive
     */
    public static double binary(int[] truth, double[] scores) {
        if (truth.length != scores.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + scores.length + " scores");
        }
        int n = truth.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (truth[order[k]] == 1) {
                    rankSumPositive += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
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
