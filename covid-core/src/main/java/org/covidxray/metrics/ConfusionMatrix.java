package org.covidxray.metrics;

import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs, in scikit-learn's convention: <b>rows are the true
 * class, columns the predicted class</b>, so {@code count(t, p)} is the number of images of class
 * {@code t} predicted as {@code p}. For two classes the layout is {@code [[TN, FP], [FN, TP]]} with
 * class 1 positive.
 *
 * @param counts square matrix, {@code counts[true][predicted]}; copied in and out
 */
public record ConfusionMatrix(int[][] counts) {

    public ConfusionMatrix {
        int k = counts.length;
        int[][] copy = new int[k][];
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new MetricsInputException("confusion matrix row " + t + " has " + counts[t].length
                        + " columns but there are " + k + " rows; it must be square");
            }
            copy[t] = counts[t].clone();
        }
        counts = copy;
    }

    /** From true labels and predicted labels, both in {@code [0, classes)}. */
    public static ConfusionMatrix of(int[] labels, int[] predictions, int classes) {
        Inputs.sameLength(labels, predictions.length, "predictions");
        Inputs.labelsInRange(labels, classes);
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            if (predictions[i] < 0 || predictions[i] >= classes) {
                throw new MetricsInputException("predictions[" + i + "] is " + predictions[i] + " but there are "
                        + classes + " classes (valid predictions 0.." + (classes - 1) + ")");
            }
            counts[labels[i]][predictions[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /** From multi-class probabilities: the prediction is the most probable class (first on ties). */
    public static ConfusionMatrix ofArgmax(int[] labels, double[][] probabilities) {
        int classes = Inputs.multiclass(labels, probabilities);
        return of(labels, argmax(probabilities), classes);
    }

    /**
     * From binary labels (1 = positive) and scores: an image is predicted positive when
     * {@code score >= threshold}.
     */
    public static ConfusionMatrix ofBinary(int[] labels, double[] scores, double threshold) {
        Inputs.binary(labels, scores);
        int[] predictions = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            predictions[i] = scores[i] >= threshold ? 1 : 0;
        }
        return of(labels, predictions, 2);
    }

    /** The most probable class of each row (the first one on ties, as numpy's argmax). */
    public static int[] argmax(double[][] probabilities) {
        int[] predictions = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            predictions[i] = argmax(probabilities[i]);
        }
        return predictions;
    }

    /** The index of the largest value (the first one on ties). */
    public static int argmax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    public int classes() {
        return counts.length;
    }

    /** Images of true class {@code trueClass} predicted as {@code predictedClass}. */
    public int count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    public int total() {
        int sum = 0;
        for (int[] row : counts) {
            for (int v : row) {
                sum += v;
            }
        }
        return sum;
    }

    /** Images whose true class is {@code c} (row sum). */
    public int support(int c) {
        return Arrays.stream(counts[c]).sum();
    }

    /** Images predicted as class {@code c} (column sum). */
    public int predicted(int c) {
        int sum = 0;
        for (int[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    public int correct() {
        int sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    /** Fraction correct; NaN when empty. */
    public double accuracy() {
        return Inputs.ratio(correct(), total());
    }

    /** Each row divided by its sum (recall per true class on the diagonal); NaN rows for absent classes. */
    public double[][] rowNormalised() {
        double[][] out = new double[counts.length][counts.length];
        for (int t = 0; t < counts.length; t++) {
            int support = support(t);
            for (int p = 0; p < counts.length; p++) {
                out[t][p] = Inputs.ratio(counts[t][p], support);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix(rows=true, columns=predicted)" + Arrays.deepToString(counts);
    }
}
