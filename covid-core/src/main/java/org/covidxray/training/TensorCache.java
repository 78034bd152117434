package org.covidxray.training;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.List;
import java.util.TreeSet;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.engine.Batch;
import org.covidxray.image.Augmenter;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import java.util.SplittableRandom;

/**
 * Preprocessed images of a data set, decoded once and kept in memory when they fit the budget,
 * otherwise decoded again for every batch. Decoding the cache uses all cores.
 */
final class TensorCache {
    private final Dataset dataset;
    private final Preprocessor preprocessor;
    private final int[] labels;
    private final int[] sources;
    private final ImageTensor[] cached;
    private final int imageFloats;

    TensorCache(Dataset dataset, PreprocessingConfig preprocessing, long budgetBytes) {
        this(dataset, preprocessing, budgetBytes, null);
    }

    /**
     * @param sourceNames the sources in index order: batches carry each image's index in it (an image of a
     *     source not in the list gets -1); {@code null} for batches without sources
     */
    TensorCache(Dataset dataset, PreprocessingConfig preprocessing, long budgetBytes, List<String> sourceNames) {
        this.dataset = dataset;
        this.preprocessor = new Preprocessor(preprocessing);
        this.labels = dataset.labelIndices();
        this.sources = sourceNames == null ? null : sourceIndices(dataset, sourceNames);
        this.imageFloats = preprocessing.channels() * preprocessing.imageSize() * preprocessing.imageSize();
        if (bytesNeeded(dataset, preprocessing) <= budgetBytes) {
            cached = new ImageTensor[dataset.size()];
            ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
            try {
                pool.submit(() -> IntStream.range(0, dataset.size()).parallel()
                        .forEach(i -> cached[i] = preprocessor.load(dataset.get(i).path()))).join();
            } finally {
                pool.shutdown();
            }
        } else {
            cached = null;
        }
    }

    /** The bytes that {@code dataset}'s images take in the cache after {@code preprocessing}. */
    static long bytesNeeded(Dataset dataset, PreprocessingConfig preprocessing) {
        return (long) dataset.size() * preprocessing.channels() * preprocessing.imageSize() * preprocessing.imageSize()
                * Float.BYTES;
    }

    /** The sources of the images of {@code dataset}, sorted by name: the index order of {@link #sourceIndices}. */
    static List<String> sourceNames(Dataset dataset) {
        return List.copyOf(new TreeSet<>(dataset.samples().stream().map(s -> s.attribute(Sample.SOURCE)).toList()));
    }

    /** Each image's index in {@code sourceNames}, -1 when absent. */
    static int[] sourceIndices(Dataset dataset, List<String> sourceNames) {
        int[] out = new int[dataset.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sourceNames.indexOf(dataset.get(i).attribute(Sample.SOURCE));
        }
        return out;
    }

    Dataset dataset() {
        return dataset;
    }

    int size() {
        return dataset.size();
    }

    long bytes() {
        return cached == null ? 0 : (long) cached.length * imageFloats * Float.BYTES;
    }

    ImageTensor image(int index) {
        return cached != null ? cached[index] : preprocessor.load(dataset.get(index).path());
    }

    /** Batch of the images {@code order[from..to)}, augmented with per-image seeded randomness. */
    Batch batch(int[] order, int from, int to, Augmenter augmenter, long seed, int epoch) {
        int size = to - from;
        float[] data = new float[size * imageFloats];
        int[] batchLabels = new int[size];
        int[] batchSources = sources == null ? null : new int[size];
        int c = 0;
        int h = 0;
        int w = 0;
        for (int i = 0; i < size; i++) {
            int index = order[from + i];
            ImageTensor image = image(index);
            if (augmenter != null) {
                // per image, epoch and draw position: an image drawn twice in one epoch (balanced sampling) differs
                long position = from + i;
                SplittableRandom random = new SplittableRandom(seed ^ (epoch * 0x9E3779B97F4A7C15L)
                        ^ (index * 0xBF58476D1CE4E5B9L) ^ (position * 0x94D049BB133111EBL));
                image = augmenter.apply(image, random);
            }
            System.arraycopy(image.data(), 0, data, i * imageFloats, imageFloats);
            batchLabels[i] = labels[index];
            if (batchSources != null) {
                batchSources[i] = sources[index];
            }
            c = image.channels();
            h = image.height();
            w = image.width();
        }
        return new Batch(data, batchLabels, size, c, h, w, batchSources);
    }
}
