package org.covidxray.metrics;

import java.util.Arrays;

/**
 * Cumulative true- and false-positive counts at every distinct score, highest score first: the
 * {@code _binary_clf_curve} that scikit-learn's ROC and precision-recall curves are built on. Tied
 * scores form one threshold, so ties are handled exactly as scikit-learn does.
 */
final class ThresholdSweep {
    final double[] thresholds;
    final long[] truePositives;
    final long[] falsePositives;

    private ThresholdSweep(double[] thresholds, long[] truePositives, long[] falsePositives) {
        this.thresholds = thresholds;
        this.truePositives = truePositives;
        this.falsePositives = falsePositives;
    }

    static ThresholdSweep of(int[] labels, double[] scores) {
        Inputs.binary(labels, scores);
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] thresholds = new double[n];
        long[] tps = new long[n];
        long[] fps = new long[n];
        int points = 0;
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (labels[i] == 1) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = k == n - 1 || scores[order[k + 1]] != scores[i];
            if (lastOfTie) {
                thresholds[points] = scores[i];
                tps[points] = tp;
                fps[points] = fp;
                points++;
            }
        }
        return new ThresholdSweep(Arrays.copyOf(thresholds, points), Arrays.copyOf(tps, points),
                Arrays.copyOf(fps, points));
    }

    int size() {
        return thresholds.length;
    }

    long positives() {
        return size() == 0 ? 0 : truePositives[size() - 1];
    }

    long negatives() {
        return size() == 0 ? 0 : falsePositives[size() - 1];
    }
}
