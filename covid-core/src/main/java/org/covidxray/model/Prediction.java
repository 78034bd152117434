package org.covidxray.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Class probabilities for one image. Immutable. Research software: a prediction is not a diagnosis.
 *
 * @param classNames classes in index order
 * @param probabilities one probability per class, summing to 1
 */
public record Prediction(List<String> classNames, double[] probabilities) {

    public Prediction {
        classNames = List.copyOf(classNames);
        probabilities = probabilities.clone();
        if (classNames.size() != probabilities.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for classes " + classNames);
        }
    }

    /** A prediction from an engine's single-precision output row. */
    public static Prediction of(List<String> classNames, float[] probabilities) {
        double[] p = new double[probabilities.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = probabilities[c];
        }
        return new Prediction(classNames, p);
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

    /** Index of the most probable class (the first one on ties). */
    public int predictedIndex() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    public String predictedClass() {
        return classNames.get(predictedIndex());
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
    public String toString() {
        return "Prediction[" + predictedClass() + ", " + asMap() + "]";
    }
}
