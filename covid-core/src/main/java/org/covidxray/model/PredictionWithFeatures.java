package org.covidxray.model;

import java.util.Objects;

/**
 * One image's prediction together with the network's feature vector for it, both from the same forward
 * pass (see {@link Classifier#predictWithFeatures(java.util.List)}). Immutable.
 *
 * @param prediction the class probabilities and the class the rule picks
 * @param features what the final dense layer sees (see {@link Classifier#features(java.util.List)}), or
 *                 {@code null} when the model gives no feature vectors ({@link Classifier#supportsFeatures()})
 */
public record PredictionWithFeatures(Prediction prediction, float[] features) {

    public PredictionWithFeatures {
        Objects.requireNonNull(prediction, "prediction");
        features = features == null ? null : features.clone();
    }

    /** Whether a feature vector is present. */
    public boolean hasFeatures() {
        return features != null;
    }

    /** A copy of the feature vector, or {@code null} when the model gives none. */
    @Override
    public float[] features() {
        return features == null ? null : features.clone();
    }

    /** The same features with the prediction decided by another rule. */
    public PredictionWithFeatures withRule(DecisionRule rule) {
        Prediction decided = prediction.withRule(rule);
        return decided == prediction ? this : new PredictionWithFeatures(decided, features);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PredictionWithFeatures other && prediction.equals(other.prediction)
                && java.util.Arrays.equals(features, other.features);
    }

    @Override
    public int hashCode() {
        return 31 * prediction.hashCode() + java.util.Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return "PredictionWithFeatures[" + prediction + ", features="
                + (features == null ? "none" : features.length + " values") + "]";
    }
}
