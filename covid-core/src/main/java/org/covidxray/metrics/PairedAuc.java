package org.covidxray.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two models' ROC AUCs on the same images, and the difference between them with a paired bootstrap
 * interval: every resample draws the same images (or patients) for both models, so what the two share (which
 * images are hard) cancels out of the difference. This is how a recipe change is judged on one set of
 * out-of-fold predictions: an interval of the difference that excludes 0 says the change moved the AUC beyond
 * what the choice of images explains; overlapping intervals of the two AUCs do not say the opposite.
 *
 * <p>The interval covers the images' variation only, not training-to-training variation of either model.
 */
public final class PairedAuc {
    private PairedAuc() {
    }

    /**
     * The comparison of two models.
     *
     * @param first AUC of the first model (the baseline)
     * @param second AUC of the second model
     * @param difference {@code second - first}, its interval over the same resamples
     * @param images images compared
     * @param positives of them, positive images
     */
    public record Comparison(ConfidenceInterval first, ConfidenceInterval second, ConfidenceInterval difference,
                             int images, int positives) {
    }

    /**
     * Compares two models' scores of the same images.
     *
     * @param labels 1 for a positive image, 0 otherwise, one per image
     * @param first the baseline's score per image
     * @param second the other model's score per image, in the same image order
     * @param patientIds patient per image (resamples keep a patient's images together), or {@code null}
     * @param bootstrap resamples, level and seed
     */
    public static Comparison compare(int[] labels, double[] first, double[] second, String[] patientIds,
                                     Bootstrap bootstrap) {
        if (first.length != labels.length || second.length != labels.length) {
            throw new MetricsInputException("paired AUC needs one score of each model per label: " + labels.length
                    + " labels, " + first.length + " and " + second.length + " scores");
        }
        int positives = 0;
        for (int label : labels) {
            if (label != 0 && label != 1) {
                throw new MetricsInputException("paired AUC needs 0/1 labels, got " + label);
            }
            positives += label;
        }
        ResampledMetric a = ResampledMetric.binary(labels, first, RocAuc::binary);
        ResampledMetric b = ResampledMetric.binary(labels, second, RocAuc::binary);
        Map<String, ResampledMetric> metrics = new LinkedHashMap<>();
        metrics.put("first", a);
        metrics.put("second", b);
        metrics.put("difference", drawn -> b.compute(drawn) - a.compute(drawn));
        Map<String, ConfidenceInterval> ci = bootstrap.intervals(metrics, labels.length, patientIds);
        return new Comparison(ci.get("first"), ci.get("second"), ci.get("difference"), labels.length, positives);
    }
}
