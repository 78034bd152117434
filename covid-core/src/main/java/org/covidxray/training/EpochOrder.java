package org.covidxray.training;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.model.Sampling;

/**
 * The order in which an epoch visits the training images, as {@link Sampling} says: a permutation
 * ({@link Sampling#SHUFFLED}) or draws with replacement weighted so that every class, and within a
 * class every source, has the same share ({@link Sampling#BALANCED_SOURCES}).
 */
final class EpochOrder {
    private final Sampling sampling;
    private final int size;
    /** Cumulative draw probabilities (balanced sampling only), last element 1. */
    private final double[] cumulative;

    private EpochOrder(Sampling sampling, int size, double[] cumulative) {
        this.sampling = sampling;
        this.size = size;
        this.cumulative = cumulative;
    }

    /** The order for the training images of {@code dataset}. */
    static EpochOrder of(Sampling sampling, Dataset dataset) {
        if (sampling == Sampling.SHUFFLED) {
            return new EpochOrder(sampling, dataset.size(), null);
        }
        return new EpochOrder(sampling, dataset.size(), cumulative(weights(dataset.samples())));
    }

    /**
     * Per-image draw weights that sum to 1: each class present gets {@code 1 / classes}, split equally
     * among its sources, split equally among the source's images of that class.
     */
    static double[] weights(List<Sample> samples) {
        Map<String, Map<String, Integer>> cells = new HashMap<>();
        for (Sample s : samples) {
            cells.computeIfAbsent(s.label(), k -> new HashMap<>()).merge(s.attribute(Sample.SOURCE), 1, Integer::sum);
        }
        double[] weights = new double[samples.size()];
        for (int i = 0; i < weights.length; i++) {
            Sample s = samples.get(i);
            Map<String, Integer> sources = cells.get(s.label());
            weights[i] = 1.0 / cells.size() / sources.size() / sources.get(s.attribute(Sample.SOURCE));
        }
        return weights;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= sum;
        }
        if (c.length > 0) {
            c[c.length - 1] = 1.0;
        }
        return c;
    }

    /** The indices one epoch visits, {@code size} of them, drawn from {@code random}. */
    int[] draw(SplittableRandom random) {
        if (sampling == Sampling.SHUFFLED) {
            return shuffled(size, random);
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            int at = Arrays.binarySearch(cumulative, random.nextDouble());
            order[i] = at >= 0 ? at : Math.min(size - 1, -at - 1);
        }
        return order;
    }

    static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
