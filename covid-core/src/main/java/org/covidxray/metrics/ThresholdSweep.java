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
        double[][] split = SortedScores.split(labels, scores);
        double[] positives = split[1];
        double[] negatives = split[0];
        int n = labels.length;
        double[] thresholds = new double[n];
        long[] tps = new long[n];
        long[] fps = new long[n];
        int points = 0;
        int i = positives.length - 1;
        int j = negatives.length - 1;
        long tp = 0;
        long fp = 0;
        while (i >= 0 || j >= 0) {
            double t = i < 0 ? negatives[j] : j < 0 ? positives[i] : Math.max(positives[i], negatives[j]);
            while (i >= 0 && positives[i] == t) {
                tp++;
                i--;
            }
            while (j >= 0 && negatives[j] == t) {
                fp++;
                j--;
            }
            thresholds[points] = t;
            tps[points] = tp;
            fps[points] = fp;
            points++;
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
