package org.covidxray.metrics;

/**
 * A metric evaluated on a resample, given as the indices of the images drawn (with repetitions).
 * Returns NaN when the metric is undefined on that resample.
 */
@FunctionalInterface
public interface ResampledMetric {
    double compute(int[] indices);

    /** A metric of binary labels and scores, evaluated on the drawn images. */
    static ResampledMetric binary(int[] labels, double[] scores, BinaryMetricFunction metric) {
        return indices -> {
            int[] l = new int[indices.length];
            double[] s = new double[indices.length];
            for (int k = 0; k < indices.length; k++) {
                l[k] = labels[indices[k]];
                s[k] = scores[indices[k]];
            }
            return metric.compute(l, s);
        };
    }

    /** A metric of class labels and probability rows, evaluated on the drawn images. */
    static ResampledMetric multiclass(int[] labels, double[][] probabilities, MulticlassMetricFunction metric) {
        return indices -> {
            int[] l = new int[indices.length];
            double[][] p = new double[indices.length][];
            for (int k = 0; k < indices.length; k++) {
                l[k] = labels[indices[k]];
                p[k] = probabilities[indices[k]];
            }
            return metric.compute(l, p);
        };
    }

    /** E.g. {@code RocAuc::binary} or {@code (l, s) -> BinaryMetrics.at(l, s, 0.5).sensitivity()}. */
    @FunctionalInterface
    interface BinaryMetricFunction {
        double compute(int[] labels, double[] scores);
    }

    /** E.g. {@code RocAuc::oneVsRestMacro} or {@code LogLoss::of}. */
    @FunctionalInterface
    interface MulticlassMetricFunction {
        double compute(int[] labels, double[][] probabilities);
    }
}
