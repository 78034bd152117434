package org.covidxray.training;

import org.covidxray.model.ClassWeighting;
/** Per-class loss weights. */
public final class ClassWeights {
    private ClassWeights() {
    }

    /**
     * Weights for the given labels: {@code null} for {@link ClassWeighting#NONE}; for
     * {@link ClassWeighting#BALANCED}, n / (k * n_c) as scikit-learn (a class absent from the labels
     * gets weight 1).
     */
    public static float[] of(ClassWeighting weighting, int[] labels, int numClasses) {
        if (weighting == ClassWeighting.NONE) {
            return null;
        }
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        float[] weights = new float[numClasses];
        for (int c = 0; c < numClasses; c++) {
            weights[c] = counts[c] == 0 ? 1f : (float) labels.length / (numClasses * (float) counts[c]);
        }
        return weights;
    }
}
