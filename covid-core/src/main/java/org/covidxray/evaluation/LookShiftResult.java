package org.covidxray.evaluation;

import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.Rate;

/**
 * How a model fares on held-out images whose look was changed by one {@link org.covidxray.image.AppearanceShift}.
 *
 * @param shift the shift's name ({@code none} for the images as they are)
 * @param changes the shift's changes as {@code key=value} tokens, comma-separated (empty for none)
 * @param images images predicted
 * @param patients distinct patients among them
 * @param auc ROC AUC of the positive class with its patient-bootstrap interval
 * @param sensitivity positives called positive at the model's own threshold, with its Wilson interval
 * @param specificity negatives called negative at that threshold, with its Wilson interval
 * @param meanDrift mean change of the positive probability against the unshifted images (0 for none)
 * @param meanAbsDrift mean absolute change of the positive probability
 * @param failed images that could not be read
 */
public record LookShiftResult(String shift, String changes, int images, int patients, ConfidenceInterval auc,
                              Rate sensitivity, Rate specificity, double meanDrift, double meanAbsDrift, int failed) {
}
