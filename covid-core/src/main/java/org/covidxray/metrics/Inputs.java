package org.covidxray.metrics;

/** Argument checks shared by the metrics; every failure names the argument and the position. */
final class Inputs {
    private Inputs() {
    }

    static void sameLength(int[] labels, int otherLength, String otherName) {
        if (labels.length != otherLength) {
            throw new MetricsInputException(labels.length + " labels but " + otherLength + " " + otherName
                    + ": give one " + otherName.replaceAll("s$", "") + " per label");
        }
    }

    /** Labels must be 0 (negative) or 1 (positive); scores finite. */
    static void binary(int[] labels, double[] scores) {
        sameLength(labels, scores.length, "scores");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new MetricsInputException("labels[" + i + "] is " + labels[i]
                        + " but binary labels must be 0 (negative) or 1 (positive)");
            }
            if (!Double.isFinite(scores[i])) {
                throw new MetricsInputException("scores[" + i + "] is " + scores[i] + "; scores must be finite");
            }
        }
    }

    /** Labels in [0, classes); one probability row of width {@code classes} per label. */
    static int multiclass(int[] labels, double[][] probabilities) {
        sameLength(labels, probabilities.length, "probability rows");
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        for (int i = 0; i < labels.length; i++) {
            if (probabilities[i].length != classes) {
                throw new MetricsInputException("probabilities[" + i + "] has " + probabilities[i].length
                        + " columns but probabilities[0] has " + classes + "; every row needs one per class");
            }
            for (int c = 0; c < classes; c++) {
                if (!Double.isFinite(probabilities[i][c])) {
                    throw new MetricsInputException("probabilities[" + i + "][" + c + "] is "
                            + probabilities[i][c] + "; probabilities must be finite");
                }
            }
        }
        labelsInRange(labels, classes);
        return classes;
    }

    static void labelsInRange(int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new MetricsInputException("labels[" + i + "] is " + labels[i] + " but there are "
                        + classes + " classes (valid labels 0.." + (classes - 1) + ")");
            }
        }
    }

    static void positiveClass(int positiveClass, int classes) {
        if (positiveClass < 0 || positiveClass >= classes) {
            throw new MetricsInputException("positive class " + positiveClass + " is not one of the "
                    + classes + " classes (0.." + (classes - 1) + ")");
        }
    }

    /** NaN when the denominator is 0: an undefined ratio is never reported as 0. */
    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    static int[] oneVsRestLabels(int[] labels, int positiveClass) {
        int[] binary = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            binary[i] = labels[i] == positiveClass ? 1 : 0;
        }
        return binary;
    }

    static double[] column(double[][] probabilities, int column) {
        double[] scores = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            scores[i] = probabilities[i][column];
        }
        return scores;
    }
}
