package org.covidxray.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scores of one image and what its model's {@link DecisionRule} decides from them. Immutable.
 * Research software: a prediction is not a diagnosis.
 *
 * <p>Single-label (the models this library trains, {@link OutputKind#SOFTMAX} and {@link OutputKind#LOGITS}):
 * one probability per class, summing to 1, and one predicted class. Multi-label ({@link OutputKind#SIGMOID},
 * told by a per-label rule, {@link #multiLabel()}): one independent probability in [0, 1] per label, which
 * need not sum to 1, and each label decided on its own ({@link #presentLabels()}).
 *
 * <p>Whether a prediction is multi-label is a property of its rule rather than a field of its own: the
 * per-label thresholds are what make scores multi-label, and a prediction cannot then be given a
 * single-label rule by mistake ({@link #withRule} refuses).
 *
 * @param classNames classes (labels) in index order
 * @param probabilities one probability per class: summing to 1 for single-label, independent for multi-label
 * @param rule how {@link #predictedClass()} is chosen (the model's rule; argmax or default per-label
 *     thresholds for raw engine output)
 */
public record Prediction(List<String> classNames, double[] probabilities, DecisionRule rule) {

    /** Between the present labels of a multi-label {@link #predictedClass()}. */
    public static final String LABEL_SEPARATOR = "|";

    public Prediction {
        classNames = List.copyOf(classNames);
        probabilities = probabilities.clone();
        rule = rule == null ? DecisionRule.argmax() : rule;
        if (classNames.size() != probabilities.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for classes " + classNames);
        }
        if (rule.multiLabel()) {
            if (!rule.labelThresholds().keySet().equals(new java.util.LinkedHashSet<>(classNames))) {
                throw new IllegalArgumentException("per-label thresholds for " + rule.labelThresholds().keySet()
                        + " but the labels are " + classNames);
            }
            for (int i = 0; i < probabilities.length; i++) {
                if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                    throw new IllegalArgumentException("the score of label '" + classNames.get(i) + "' is "
                            + probabilities[i] + "; multi-label scores are probabilities in [0, 1]");
                }
            }
        }
    }

    /** A prediction decided by the highest probability. */
    public Prediction(List<String> classNames, double[] probabilities) {
        this(classNames, probabilities, DecisionRule.argmax());
    }

    /** A prediction from an engine's single-precision output row, decided by the highest probability. */
    public static Prediction of(List<String> classNames, float[] probabilities) {
        double[] p = new double[probabilities.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = probabilities[c];
        }
        return new Prediction(classNames, p);
    }

    /**
     * A prediction from one raw output row of a network of the given kind: the softmax of logits, or the
     * scores as they are; multi-label scores get per-label thresholds of {@value DecisionRule#DEFAULT_LABEL_THRESHOLD}
     * until {@link Classifier#predict(List)} applies the model's rule.
     *
     * @throws IllegalArgumentException when the row does not fit the kind (see {@link OutputKind#scores})
     */
    public static Prediction of(OutputKind kind, List<String> classNames, float[] raw) {
        DecisionRule rule = kind.multiLabel() ? DecisionRule.perLabel(classNames, Map.of(), null) : DecisionRule.argmax();
        return new Prediction(classNames, kind.scores(raw), rule);
    }

    /**
     * The same probabilities decided by another rule.
     *
     * @throws IllegalArgumentException when a single-label prediction is given a per-label rule or the reverse
     */
    public Prediction withRule(DecisionRule newRule) {
        if (newRule != null && newRule.multiLabel() != multiLabel()) {
            throw new IllegalArgumentException("a " + (multiLabel() ? "multi-label" : "single-label")
                    + " prediction cannot be decided by a " + (newRule.multiLabel() ? "per-label" : "single-label")
                    + " rule (" + newRule.describe() + ")");
        }
        return Objects.equals(rule, newRule) ? this : new Prediction(classNames, probabilities, newRule);
    }

    /** Whether the scores are independent per-label probabilities, each label decided on its own. */
    public boolean multiLabel() {
        return rule.multiLabel();
    }

    /**
     * The labels decided present (score at or above their threshold), in label order; possibly none.
     *
     * @throws IllegalStateException for a single-label prediction (use {@link #predictedClass()})
     */
    public List<String> presentLabels() {
        return rule.presentLabels(classNames, probabilities);
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    public double probability(int classIndex) {
        return probabilities[classIndex];
    }

    public double probability(String className) {
        int index = classNames.indexOf(className);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown class '" + className + "'; classes are " + classNames);
        }
        return probabilities[index];
    }

    /** Index of the class the decision rule picks; for a multi-label prediction the highest score's label. */
    public int predictedIndex() {
        return rule.decide(classNames, probabilities);
    }

    /**
     * The class the decision rule picks: what the command line and the web page report. For a multi-label
     * prediction: the present labels joined by {@value #LABEL_SEPARATOR} (empty when none is present).
     */
    public String predictedClass() {
        return multiLabel() ? String.join(LABEL_SEPARATOR, presentLabels()) : classNames.get(predictedIndex());
    }

    /** Index of the most probable class (the first one on ties), whatever the rule. */
    public int mostProbableIndex() {
        return DecisionRule.argmax().decide(classNames, probabilities);
    }

    public String mostProbableClass() {
        return classNames.get(mostProbableIndex());
    }

    /** Class name to probability (multi-label: to its independent score), in class order. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            map.put(classNames.get(i), probabilities[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && classNames.equals(p.classNames)
                && java.util.Arrays.equals(probabilities, p.probabilities) && rule.equals(p.rule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classNames, java.util.Arrays.hashCode(probabilities), rule);
    }

    @Override
    public String toString() {
        return "Prediction[" + predictedClass() + ", " + asMap() + "]";
    }
}
