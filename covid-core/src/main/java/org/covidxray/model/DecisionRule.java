package org.covidxray.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How class probabilities become one predicted class; part of every model's manifest and applied by
 * {@link Classifier#predict(List)}, so that Java callers, the command line and the web page decide alike.
 * Either the most probable class wins ({@link #argmax()}), or a positive class is predicted when its
 * probability reaches a threshold (e.g. chosen on the validation split) and otherwise the most probable
 * of the other classes.
 *
 * @param positiveClass the class the threshold applies to, or {@code null} for "highest probability"
 * @param threshold the probability at or above which {@code positiveClass} is predicted; NaN (JSON
 *     {@code null}) for argmax
 * @param method how the threshold was chosen, for people (e.g. "Youden's J on the validation part")
 */
public record DecisionRule(String positiveClass, double threshold, String method) {
    private static final DecisionRule ARGMAX = new DecisionRule(null, Double.NaN, "highest probability");

    public DecisionRule {
        if (positiveClass != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the decision threshold for '" + positiveClass
                    + "' must be a probability in [0, 1], was " + threshold);
        }
        if (positiveClass == null) {
            threshold = Double.NaN;
        }
        method = method == null ? "" : method;
    }

    /** The most probable class wins (the first one on ties). */
    public static DecisionRule argmax() {
        return ARGMAX;
    }

    /** {@code positiveClass} when its probability is at least {@code threshold}. */
    public static DecisionRule threshold(String positiveClass, double threshold, String method) {
        return new DecisionRule(java.util.Objects.requireNonNull(positiveClass, "positiveClass"), threshold, method);
    }

    /** Whether a threshold (rather than the highest probability) decides. Not named {@code is...}: JSON would take it for the threshold. */
    public boolean hasThreshold() {
        return positiveClass != null;
    }

    /**
     * The index of the predicted class.
     *
     * @param classNames the classes in index order
     * @param probabilities one probability per class
     */
    public int decide(List<String> classNames, double[] probabilities) {
        int positive = hasThreshold() ? classNames.indexOf(positiveClass) : -1;
        if (positive >= 0 && probabilities[positive] >= threshold) {
            return positive;
        }
        int best = -1;
        for (int i = 0; i < probabilities.length; i++) {
            if (i != positive && (best < 0 || probabilities[i] > probabilities[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Checks that the rule's class is one of {@code classNames}; the message names both. */
    public void requireClassOf(List<String> classNames, Object where) {
        if (hasThreshold() && !classNames.contains(positiveClass)) {
            throw new ModelFormatException(where + ": the decision rule thresholds class '" + positiveClass
                    + "', which is not one of the model's classes " + classNames + ".");
        }
    }

    /** One sentence for people. */
    public String describe() {
        if (!hasThreshold()) {
            return "the class with the highest probability";
        }
        return String.format(Locale.ROOT, "%s when P(%s) >= %.3f%s, otherwise the most probable other class",
                positiveClass, positiveClass, threshold, method.isEmpty() ? "" : " (" + method + ")");
    }

    /** The JSON form the web API answers with: the rule plus its description. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("positiveClass", positiveClass);
        map.put("threshold", hasThreshold() ? threshold : null);
        map.put("method", method);
        map.put("description", describe());
        return map;
    }
}
