package org.covidxray.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Class probabilities for one image and the class its model's {@link DecisionRule} picks from them.
 * Immutable. Research software: a prediction is not a diagnosis.
 *
 * @param classNames classes in index order
 * @param probabilities one probability per class, summing to 1
 * @param rule how {@link #predictedClass()} is chosen (the model's rule; argmax for raw engine output)
 */
public record Prediction(List<String> classNames, double[] probabilities, DecisionRule rule) {

    public Prediction {
        classNames = List.copyOf(classNames);
        probabilities = probabilities.clone();
        rule = rule == null ? DecisionRule.argmax() : rule;
        if (classNames.size() != probabilities.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for classes " + classNames);
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

    /** The same probabilities decided by another rule. */
    public Prediction withRule(DecisionRule newRule) {
        return Objects.equals(rule, newRule) ? this : new Prediction(classNames, probabilities, newRule);
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

    /** Index of the class the decision rule picks. */
    public int predictedIndex() {
        return rule.decide(classNames, probabilities);
    }

    /** The class the decision rule picks: what the command line and the web page report. */
    public String predictedClass() {
        return classNames.get(predictedIndex());
    }

    /** Index of the most probable class (the first one on ties), whatever the rule. */
    public int mostProbableIndex() {
        return DecisionRule.argmax().decide(classNames, probabilities);
    }

    public String mostProbableClass() {
        return classNames.get(mostProbableIndex());
    }

    /** Class name to probability, in class order. */
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
