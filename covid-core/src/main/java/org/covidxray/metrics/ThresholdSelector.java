package org.covidxray.metrics;

import java.util.Locale;

/**
 * Picks a decision threshold among the thresholds of the full {@link RocCurve} (the distinct scores,
 * plus the highest score + 1 which calls nothing positive). Every threshold returned is a score that
 * occurs in the data, so applying it with {@code score >= threshold} reproduces the reported operating
 * point exactly.
 */
public final class ThresholdSelector {
    private ThresholdSelector() {
    }

    /**
     * The threshold maximising Youden's J = TPR - FPR; on ties the highest such threshold (the most
     * specific one). NaN when only one class is present.
     */
    public static ThresholdChoice youden(int[] labels, double[] scores) {
        RocCurve roc = RocCurve.of(labels, scores);
        double[] fpr = roc.fpr();
        double[] tpr = roc.tpr();
        int best = -1;
        double bestJ = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < roc.size(); i++) {
            double j = tpr[i] - fpr[i];
            if (j > bestJ) {
                bestJ = j;
                best = i;
            }
        }
        return choice("Youden J", roc, best);
    }

    /**
     * The <em>highest</em> threshold whose sensitivity is at least {@code targetSensitivity}: of all
     * thresholds that reach the target it calls the fewest images positive, so its specificity is the
     * highest possible. (Lowering the threshold further keeps the target and only costs specificity.)
     * NaN when the data has no positive image.
     */
    public static ThresholdChoice highestThresholdWithSensitivityAtLeast(int[] labels, double[] scores,
                                                                         double targetSensitivity) {
        if (!(targetSensitivity >= 0 && targetSensitivity <= 1)) {
            throw new MetricsInputException("target sensitivity " + targetSensitivity + " is not in [0, 1]");
        }
        RocCurve roc = RocCurve.of(labels, scores);
        double[] tpr = roc.tpr();
        int found = -1;
        for (int i = 0; i < roc.size() && found < 0; i++) {
            if (tpr[i] >= targetSensitivity) {
                found = i;
            }
        }
        return choice(String.format(Locale.ROOT, "highest threshold with sensitivity >= %s", targetSensitivity),
                roc, found);
    }

    private static ThresholdChoice choice(String rule, RocCurve roc, int index) {
        if (index < 0) {
            return new ThresholdChoice(rule, Double.NaN, Double.NaN, Double.NaN);
        }
        return new ThresholdChoice(rule, roc.thresholds()[index], roc.tpr()[index], 1 - roc.fpr()[index]);
    }
}
