package org.covidxray.examples.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;

/**
 * How probabilities become one predicted class. By default the most probable class wins. A model card
 * may instead name a positive class and a probability threshold for it (entry {@value #CARD_KEY}, e.g.
 * chosen on the validation split): the positive class is predicted when its probability reaches the
 * threshold, otherwise the most probable of the other classes.
 *
 * @param positiveClass the class the threshold applies to, or {@code null} for "highest probability"
 * @param threshold the probability at or above which {@code positiveClass} is predicted; NaN for argmax
 * @param method how the threshold was chosen (for people), e.g. "Youden's J on the validation split"
 */
public record DecisionRule(String positiveClass, double threshold, String method) {
    /** Model card key holding {@code {positiveClass, threshold, method}}. */
    public static final String CARD_KEY = "decisionThreshold";

    public DecisionRule {
        if (positiveClass != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        method = method == null ? "" : method;
    }

    /** The most probable class wins. */
    public static DecisionRule argmax() {
        return new DecisionRule(null, Double.NaN, "highest probability");
    }

    /** The rule a model card asks for, or {@link #argmax()} when it names none (or names an unknown class). */
    public static DecisionRule of(ModelManifest manifest) {
        Object entry = manifest.card().get(CARD_KEY);
        if (!(entry instanceof Map<?, ?> map)) {
            return argmax();
        }
        Object cls = map.get("positiveClass");
        Object value = map.get("threshold");
        if (!(cls instanceof String name) || !(value instanceof Number number)
                || !manifest.classNames().contains(name)) {
            return argmax();
        }
        Object method = map.get("method");
        return new DecisionRule(name, number.doubleValue(), method == null ? "" : method.toString());
    }

    /** Whether a threshold (rather than the highest probability) decides. */
    public boolean isThreshold() {
        return positiveClass != null;
    }

    /** The predicted class for these probabilities. */
    public String decide(Prediction prediction) {
        if (!isThreshold()) {
            return prediction.predictedClass();
        }
        int positive = prediction.classNames().indexOf(positiveClass);
        if (positive < 0) {
            return prediction.predictedClass();
        }
        double[] p = prediction.probabilities();
        if (p[positive] >= threshold) {
            return positiveClass;
        }
        int best = -1;
        for (int i = 0; i < p.length; i++) {
            if (i != positive && (best < 0 || p[i] > p[best])) {
                best = i;
            }
        }
        return prediction.classNames().get(best);
    }

    /** One sentence for people. */
    public String describe() {
        if (!isThreshold()) {
            return "the class with the highest probability";
        }
        return String.format(Locale.ROOT, "%s when P(%s) >= %.3f%s, otherwise the most probable other class",
                positiveClass, positiveClass, threshold, method.isEmpty() ? "" : " (" + method + ")");
    }

    /** The JSON-compatible form used in model cards and API responses. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("positiveClass", positiveClass);
        map.put("threshold", isThreshold() ? threshold : null);
        map.put("method", method);
        map.put("description", describe());
        return map;
    }
}
