package org.covidxray.training;

import org.covidxray.engine.Batch;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.metrics.ConfusionMatrix;
import org.covidxray.metrics.RocAuc;

/** Scores the network on the validation images after an epoch: cross-entropy loss, accuracy, AUC. */
final class Validator {
    private final TensorCache cache;
    private final int batchSize;

    /** {@code cache}: the validation images, or {@code null} when there are none. */
    Validator(TensorCache cache, int batchSize) {
        this.cache = cache;
        this.batchSize = Math.max(1, batchSize);
    }

    /**
     * Validation scores; NaN when there are no validation images. The AUC is the macro one-vs-rest AUC
     * for more than two classes.
     */
    record Scores(double loss, double accuracy, double auc) {
        static final Scores NONE = new Scores(Double.NaN, Double.NaN, Double.NaN);
    }

    /** Whether there are validation images (else every epoch's scores are {@link Scores#NONE}). */
    boolean validates() {
        return cache != null;
    }

    Scores score(TrainableNetwork network) {
        if (cache == null) {
            return Scores.NONE;
        }
        int n = cache.size();
        double[][] probabilities = new double[n][];
        int[] labels = new int[n];
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Batch batch = cache.batch(identity, from, to, null, 0, 0);
            float[][] p = network.predict(batch);
            for (int i = from; i < to; i++) {
                float[] row = p[i - from];
                probabilities[i] = new double[row.length];
                for (int c = 0; c < row.length; c++) {
                    probabilities[i][c] = row[c];
                }
                labels[i] = batch.labels()[i - from];
            }
        }
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            loss -= Math.log(Math.max(probabilities[i][labels[i]], 1e-15));
            if (ConfusionMatrix.argmax(probabilities[i]) == labels[i]) {
                correct++;
            }
        }
        return new Scores(loss / n, correct / (double) n, RocAuc.oneVsRestMacro(labels, probabilities));
    }
}
