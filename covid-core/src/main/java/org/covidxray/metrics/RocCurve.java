package org.covidxray.metrics;

import java.util.Arrays;

/**
 * A receiver operating characteristic curve, point for point as scikit-learn 1.2's {@code roc_curve}:
 * one point per distinct score (ties form one point), highest threshold first, preceded by the point
 * (0, 0) whose threshold is the highest score + 1. {@link #of} keeps every point (scikit-learn's
 * {@code drop_intermediate=False}, the form of the golden files); {@link #withoutCollinearPoints()}
 * drops the points that lie on a straight segment, as scikit-learn does by default. Both give the same
 * area. When the data has no negatives (or no positives) the false- (true-) positive rates are NaN.
 *
 * @param fpr false-positive rate per point
 * @param tpr true-positive rate (sensitivity) per point
 * @param thresholds score threshold per point (score >= threshold is positive); decreasing
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {

    public RocCurve {
        if (fpr.length != tpr.length || fpr.length != thresholds.length) {
            throw new MetricsInputException("ROC curve arrays differ in length: fpr " + fpr.length + ", tpr "
                    + tpr.length + ", thresholds " + thresholds.length);
        }
        fpr = fpr.clone();
        tpr = tpr.clone();
        thresholds = thresholds.clone();
    }

    /** The full curve of binary labels (1 = positive) and scores. */
    public static RocCurve of(int[] labels, double[] scores) {
        ThresholdSweep sweep = ThresholdSweep.of(labels, scores);
        int n = sweep.size();
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        double[] thresholds = new double[n + 1];
        double negatives = sweep.negatives();
        double positives = sweep.positives();
        thresholds[0] = n == 0 ? Double.NaN : sweep.thresholds[0] + 1;
        fpr[0] = negatives == 0 ? Double.NaN : 0.0;
        tpr[0] = positives == 0 ? Double.NaN : 0.0;
        for (int i = 0; i < n; i++) {
            fpr[i + 1] = Inputs.ratio(sweep.falsePositives[i], negatives);
            tpr[i + 1] = Inputs.ratio(sweep.truePositives[i], positives);
            thresholds[i + 1] = sweep.thresholds[i];
        }
        return new RocCurve(fpr, tpr, thresholds);
    }

    /** The curve of class {@code positiveClass} against all others. */
    public static RocCurve oneVsRest(int[] labels, double[][] probabilities, int positiveClass) {
        int classes = Inputs.multiclass(labels, probabilities);
        Inputs.positiveClass(positiveClass, classes);
        return of(Inputs.oneVsRestLabels(labels, positiveClass), Inputs.column(probabilities, positiveClass));
    }

    /**
     * The same curve without the points that lie on a straight line between their neighbours
     * (scikit-learn's default {@code drop_intermediate=True}); the first and last points stay.
     */
    public RocCurve withoutCollinearPoints() {
        int n = fpr.length;
        if (n <= 3) {
            return this;
        }
        // scikit-learn decides on the counts before the (0, 0) point is prepended
        int[] keep = new int[n];
        int kept = 0;
        keep[kept++] = 0;
        keep[kept++] = 1;
        for (int i = 2; i < n - 1; i++) {
            double secondFpr = fpr[i + 1] - 2 * fpr[i] + fpr[i - 1];
            double secondTpr = tpr[i + 1] - 2 * tpr[i] + tpr[i - 1];
            if (bends(secondFpr) || bends(secondTpr)) {
                keep[kept++] = i;
            }
        }
        keep[kept++] = n - 1;
        double[] f = new double[kept];
        double[] t = new double[kept];
        double[] th = new double[kept];
        for (int j = 0; j < kept; j++) {
            f[j] = fpr[keep[j]];
            t[j] = tpr[keep[j]];
            th[j] = thresholds[keep[j]];
        }
        return new RocCurve(f, t, th);
    }

    /**
     * Rates are counts divided by a class size, so a real bend is at least 1/size; anything below the
     * tolerance is rounding. NaN rates (a missing class) come from all-zero counts, which never bend.
     */
    private static boolean bends(double secondDifference) {
        return !Double.isNaN(secondDifference) && Math.abs(secondDifference) > 1e-12;
    }

    /** Area under the curve by the trapezoidal rule; NaN when only one class is present. */
    public double auc() {
        double area = 0;
        for (int i = 1; i < fpr.length; i++) {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        }
        return fpr.length < 2 ? Double.NaN : area;
    }

    public int size() {
        return fpr.length;
    }

    @Override
    public double[] fpr() {
        return fpr.clone();
    }

    @Override
    public double[] tpr() {
        return tpr.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RocCurve other && Arrays.equals(fpr, other.fpr) && Arrays.equals(tpr, other.tpr)
                && Arrays.equals(thresholds, other.thresholds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(fpr) + Arrays.hashCode(tpr)) + Arrays.hashCode(thresholds);
    }

    @Override
    public String toString() {
        return "RocCurve(" + fpr.length + " points, auc=" + auc() + ")";
    }
}
