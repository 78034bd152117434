package org.covidxray.testing;

import java.util.SplittableRandom;
import org.covidxray.engine.Batch;

/** Batches of uniform random gray pixels with labels 0, 1, 2, 0, ...: what the engines' speed probes train on. */
public final class RandomBatches {
    private RandomBatches() {
    }

    /** {@code n} single-channel {@code size} x {@code size} images drawn from {@code seed}. */
    public static Batch of(int n, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] images = new float[n * size * size];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return new Batch(images, labels, n, 1, size, size);
    }
}
