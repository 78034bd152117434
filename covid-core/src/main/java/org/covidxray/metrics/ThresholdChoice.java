package org.covidxray.metrics;

/**
 * A decision threshold picked from a ROC curve, with the operating point it gives.
 *
 * @param rule how it was chosen, e.g. "Youden J" or "highest threshold with sensitivity >= 0.95"
 * @param threshold call an image positive when its score is {@code >= threshold}; NaN when no
 *     threshold satisfies the rule
 * @param sensitivity true-positive rate at the threshold
 * @param specificity true-negative rate (1 - false-positive rate) at the threshold
 */
public record ThresholdChoice(String rule, double threshold, double sensitivity, double specificity) {

    /** Youden's J = sensitivity + specificity - 1. */
    public double youdenJ() {
        return sensitivity + specificity - 1;
    }
}
