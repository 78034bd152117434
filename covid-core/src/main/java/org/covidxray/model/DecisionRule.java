package org.covidxray.model;

import java.util.ArrayList;
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
 * <p>A multi-label model ({@link OutputKind#SIGMOID}) has a per-label rule instead ({@link #perLabel}): every
 * label is decided on its own, present when its score reaches that label's threshold, so an image may have
 * several labels or none.
 *
 * @param positiveClass the class the threshold applies to, or {@code null} for "highest probability" and
 *     for a per-label rule
 * @param threshold the probability at or above which {@code positiveClass} is predicted; NaN (JSON
 *     {@code null}) for argmax
 * @param method how the threshold was chosen, for people (e.g. "Youden's J on the validation part")
 * @param labelThresholds a per-label rule's threshold of every label, in label order; empty for a
 *     single-label rule (and in bundles written before multi-label models existed)
 */
public record DecisionRule(String positiveClass, double threshold, String method, Map<String, Double> labelThresholds) {
    /** The threshold of a label that a per-label rule does not name. */
    public static final double DEFAULT_LABEL_THRESHOLD = 0.5;
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
        labelThresholds = labelThresholds == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelThresholds));
        if (positiveClass != null && !labelThresholds.isEmpty()) {
            throw new IllegalArgumentException("a decision rule has either a positive class ('" + positiveClass
                    + "') or per-label thresholds, not both");
        }
        labelThresholds.forEach((label, t) -> {
            if (t == null || !(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("the threshold of label '" + label
                        + "' must be a probability in [0, 1], was " + t);
            }
        });
    }

    /** A single-label rule (no per-label thresholds). */
    public DecisionRule(String positiveClass, double threshold, String method) {
        this(positiveClass, threshold, method, Map.of());
    }

    /** The most probable class wins (the first one on ties). */
    public static DecisionRule argmax() {
        return ARGMAX;
    }

    /** {@code positiveClass} when its probability is at least {@code threshold}. */
    public static DecisionRule threshold(String positiveClass, double threshold, String method) {
        return new DecisionRule(java.util.Objects.requireNonNull(positiveClass, "positiveClass"), threshold, method);
    }

    /**
     * A multi-label rule: each of {@code labels} is present when its score is at least its threshold in
     * {@code thresholds}, or {@value #DEFAULT_LABEL_THRESHOLD} when it has none there.
     *
     * @throws IllegalArgumentException when {@code thresholds} names a label that is not one of {@code labels}
     */
    public static DecisionRule perLabel(List<String> labels, Map<String, Double> thresholds, String method) {
        Map<String, Double> all = new LinkedHashMap<>();
        for (String label : labels) {
            all.put(label, thresholds.getOrDefault(label, DEFAULT_LABEL_THRESHOLD));
        }
        for (String named : thresholds.keySet()) {
            if (!all.containsKey(named)) {
                throw new IllegalArgumentException("threshold for '" + named + "', which is not one of the labels " + labels);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a per-label rule needs at least one label");
        }
        return new DecisionRule(null, Double.NaN, method == null || method.isEmpty()
                ? "per-label thresholds" : method, all);
    }

    /** Whether this is a multi-label rule: every label decided on its own ({@link #perLabel}). */
    public boolean multiLabel() {
        return !labelThresholds.isEmpty();
    }

    /** Whether a threshold (rather than the highest probability) decides. Not named {@code is...}: JSON would take it for the threshold. */
    public boolean hasThreshold() {
        return positiveClass != null;
    }

    /**
     * The index of the predicted class. For a per-label rule, which decides no single class, the index of
     * the highest score (what a saliency map explains); its decisions are {@link #presentLabels}.
     *
     * @param classNames the classes in index order
     * @param probabilities one probability per class
     */
    public int decide(List<String> classNames, double[] probabilities) {
        if (multiLabel()) {
            return DecisionRule.argmax().decide(classNames, probabilities);
        }
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

    /**
     * The labels a per-label rule finds present: those whose score reaches their threshold, in label order.
     *
     * @throws IllegalStateException for a single-label rule
     */
    public List<String> presentLabels(List<String> labels, double[] scores) {
        if (!multiLabel()) {
            throw new IllegalStateException("a single-label rule decides one class, not labels; use decide()");
        }
        List<String> present = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (scores[i] >= labelThresholds.getOrDefault(labels.get(i), DEFAULT_LABEL_THRESHOLD)) {
                present.add(labels.get(i));
            }
        }
        return present;
    }

    /** The threshold of {@code label} under a per-label rule. */
    public double labelThreshold(String label) {
        return labelThresholds.getOrDefault(label, DEFAULT_LABEL_THRESHOLD);
    }

    /** Checks that the rule's class is one of {@code classNames}; the message names both. */
    public void requireClassOf(List<String> classNames, Object where) {
        if (multiLabel() && !labelThresholds.keySet().equals(new java.util.LinkedHashSet<>(classNames))) {
            throw new ModelFormatException(where + ": the decision rule has thresholds for labels "
                    + labelThresholds.keySet() + ", but the model's labels are " + classNames + ".");
        }
        if (hasThreshold() && !classNames.contains(positiveClass)) {
            throw new ModelFormatException(where + ": the decision rule thresholds class '" + positiveClass
                    + "', which is not one of the model's classes " + classNames + ".");
        }
    }

    /** One sentence for people. */
    public String describe() {
        if (multiLabel()) {
            return "each label on its own: present when its score reaches its threshold (independent scores, "
                    + "which do not sum to 1; an image may have several labels or none)";
        }
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
        map.put("multiLabel", multiLabel());
        map.put("labelThresholds", multiLabel() ? labelThresholds : null);
        map.put("description", describe());
        return map;
    }
}
