package org.covidxray.metrics;

import java.util.Arrays;

/**
 * Scores of the positive and of the negative images, each sorted ascending with primitive sorts:
 * the curves and AUCs walk the two lists together instead of sorting boxed indices, which keeps
 * thousands of bootstrap resamples fast.
 */
final class SortedScores {
    private SortedScores() {
    }

    /** {@code [0]} scores of labels other than 1, {@code [1]} scores of label 1; -0.0 becomes 0.0. */
    static double[][] split(int[] labels, double[] scores) {
        int positives = 0;
        for (int label : labels) {
            positives += label == 1 ? 1 : 0;
        }
        double[] pos = new double[positives];
        double[] neg = new double[labels.length - positives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < labels.length; i++) {
            // adding 0.0 turns -0.0 into 0.0, so both zeros form one tie as in numpy
            if (labels[i] == 1) {
                pos[p++] = scores[i] + 0.0;
            } else {
                neg[q++] = scores[i] + 0.0;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        return new double[][] {neg, pos};
    }
}
