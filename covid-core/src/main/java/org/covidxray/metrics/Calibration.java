package org.covidxray.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How well predicted probabilities match observed frequencies: reliability-diagram data and the
 * expected calibration error (ECE). Bins have equal width on [0, 1] and are closed on the right, as in
 * scikit-learn's {@code calibration_curve(strategy="uniform")}: a probability of exactly 0.1 with 10
 * bins falls in the first bin. {@code ECE = sum over bins of (count / total) * |observed - mean
 * predicted|}; empty bins contribute nothing.
 *
 * @param kind what was binned: "positive class" (binary) or "top label" (multi-class confidence)
 * @param bins one entry per bin, empty bins included
 * @param expectedCalibrationError the ECE; NaN for no data
 * @param maximumCalibrationError the largest gap over non-empty bins; NaN for no data
 */
public record Calibration(String kind, List<CalibrationBin> bins, double expectedCalibrationError,
                          double maximumCalibrationError) {

    /** Default number of bins. */
    public static final int DEFAULT_BINS = 10;

    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * Calibration of the probability of the positive class.
     *
     * @param labels 1 = positive, 0 = negative
     * @param probabilities predicted probability of the positive class, in [0, 1]
     */
    public static Calibration binary(int[] labels, double[] probabilities, int binCount) {
        Inputs.binary(labels, probabilities);
        double[] outcome = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            outcome[i] = labels[i];
        }
        return binned("positive class", probabilities, outcome, binCount);
    }

    /**
     * Top-label calibration of a multi-class classifier (Guo et al., 2017): the confidence is the
     * largest probability of each row, the outcome whether that class was the true one.
     */
    public static Calibration topLabel(int[] labels, double[][] probabilities, int binCount) {
        Inputs.multiclass(labels, probabilities);
        int[] predictions = ConfusionMatrix.argmax(probabilities);
        double[] confidence = new double[labels.length];
        double[] correct = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            confidence[i] = probabilities[i][predictions[i]];
            correct[i] = predictions[i] == labels[i] ? 1 : 0;
        }
        return binned("top label", confidence, correct, binCount);
    }

    private static Calibration binned(String kind, double[] predicted, double[] outcome, int binCount) {
        if (binCount < 1) {
            throw new MetricsInputException("calibration needs at least 1 bin, got " + binCount);
        }
        int[] counts = new int[binCount];
        double[] predictedSum = new double[binCount];
        double[] outcomeSum = new double[binCount];
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] < 0 || predicted[i] > 1) {
                throw new MetricsInputException("probability " + predicted[i] + " at position " + i
                        + " is outside [0, 1]; calibration needs probabilities, not raw scores");
            }
            int b = bin(predicted[i], binCount);
            counts[b]++;
            predictedSum[b] += predicted[i];
            outcomeSum[b] += outcome[i];
        }
        List<CalibrationBin> bins = new ArrayList<>(binCount);
        double ece = 0;
        double mce = Double.NaN;
        for (int b = 0; b < binCount; b++) {
            double meanPredicted = Inputs.ratio(predictedSum[b], counts[b]);
            double observed = Inputs.ratio(outcomeSum[b], counts[b]);
            bins.add(new CalibrationBin(edge(b, binCount), edge(b + 1, binCount), counts[b],
                    meanPredicted, observed));
            if (counts[b] > 0) {
                double gap = Math.abs(observed - meanPredicted);
                ece += counts[b] * gap;
                mce = Double.isNaN(mce) ? gap : Math.max(mce, gap);
            }
        }
        return new Calibration(kind, bins, Inputs.ratio(ece, predicted.length), mce);
    }

    /** The bin of p: the number of inner edges strictly below p (numpy's searchsorted, side left). */
    private static int bin(double p, int binCount) {
        int b = 0;
        while (b < binCount - 1 && edge(b + 1, binCount) < p) {
            b++;
        }
        return b;
    }

    /** Edge i as numpy's {@code linspace(0, 1, bins + 1)} computes it (i * step), so ties bin the same way. */
    private static double edge(int i, int binCount) {
        return i == binCount ? 1.0 : i * (1.0 / binCount);
    }
}
