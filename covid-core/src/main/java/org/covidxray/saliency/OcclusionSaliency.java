package org.covidxray.saliency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.covidxray.image.ImageTensor;
import org.covidxray.model.Classifier;
import org.covidxray.model.Prediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Occlusion saliency (Zeiler and Fergus, 2014): slides a square patch over the input, fills it
 * (see {@link OcclusionFill}), and records how much the target class's probability drops. Uses
 * only {@link Classifier#predict(List)}, so it works for every engine; the occluded copies are
 * built and sent in batches of {@code batchSize}, so memory stays bounded.
 *
 * <p>Patch positions step by {@code stride} from the top-left corner and always include the last
 * position flush with the right and bottom edges, so every pixel is covered. Cost: one prediction
 * per position, about {@code (side / stride)^2}.
 *
 * @param patchSize side of the occluding square in input pixels; 0 means an eighth of the shorter
 *     input side (28 px at 224)
 * @param stride step between positions; 0 means half the patch
 * @param fill what an occluded patch contains
 * @param batchSize occluded images per {@link Classifier#predict(List)} call
 */
public record OcclusionSaliency(int patchSize, int stride, OcclusionFill fill, int batchSize) {
    private static final Logger LOG = LoggerFactory.getLogger(OcclusionSaliency.class);

    /** Occluded images sent to the classifier at once unless configured otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** Checks the settings. */
    public OcclusionSaliency {
        Objects.requireNonNull(fill, "fill");
        if (patchSize < 0 || stride < 0 || batchSize < 1) {
            throw new IllegalArgumentException("patchSize and stride must be >= 0 (0 = automatic) and batchSize >= 1,"
                    + " were " + patchSize + ", " + stride + ", " + batchSize);
        }
    }

    /** Automatic patch and stride, image-mean fill, batches of 32. */
    public static OcclusionSaliency defaults() {
        return new OcclusionSaliency(0, 0, OcclusionFill.imageMean(), DEFAULT_BATCH_SIZE);
    }

    /** A copy with another patch side (0 = automatic). */
    public OcclusionSaliency withPatchSize(int size) {
        return new OcclusionSaliency(size, stride, fill, batchSize);
    }

    /** A copy with another stride (0 = automatic). */
    public OcclusionSaliency withStride(int step) {
        return new OcclusionSaliency(patchSize, step, fill, batchSize);
    }

    /** A copy with another fill. */
    public OcclusionSaliency withFill(OcclusionFill newFill) {
        return new OcclusionSaliency(patchSize, stride, newFill, batchSize);
    }

    /** A copy sending {@code size} occluded images per call. */
    public OcclusionSaliency withBatchSize(int size) {
        return new OcclusionSaliency(patchSize, stride, fill, size);
    }

    /** Explains the class the classifier predicts for {@code image}. */
    public SaliencyMap explain(Classifier classifier, ImageTensor image) {
        Prediction base = classifier.predict(image);
        return explain(classifier, image, base.predictedIndex(), base);
    }

    /** Explains class {@code targetIndex} (an index into the classifier's class names). */
    public SaliencyMap explain(Classifier classifier, ImageTensor image, int targetIndex) {
        return explain(classifier, image, targetIndex, classifier.predict(image));
    }

    private SaliencyMap explain(Classifier classifier, ImageTensor image, int target, Prediction base) {
        List<String> classes = classifier.classNames();
        if (target < 0 || target >= classes.size()) {
            throw new IllegalArgumentException("target class " + target + " is not one of " + classes.size()
                    + " classes " + classes);
        }
        int w = image.width();
        int h = image.height();
        int patch = Math.min(Math.min(w, h), patchSize > 0 ? patchSize : Math.max(1, Math.min(w, h) / 8));
        int step = stride > 0 ? stride : Math.max(1, patch / 2);
        int[] xs = positions(w, patch, step);
        int[] ys = positions(h, patch, step);
        float[] fillValues = fill.tensorValues(image, classifier.preprocessing());
        double baseP = base.probability(target);

        double[] dropSum = new double[w * h];
        int[] covered = new int[w * h];
        int total = xs.length * ys.length;
        for (int start = 0; start < total; start += batchSize) {
            int end = Math.min(total, start + batchSize);
            List<ImageTensor> batch = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                batch.add(occlude(image, xs[k % xs.length], ys[k / xs.length], patch, fillValues));
            }
            List<Prediction> predictions = classifier.predict(batch);
            if (predictions.size() != batch.size()) {
                throw new IllegalStateException("classifier returned " + predictions.size() + " predictions for "
                        + batch.size() + " images");
            }
            for (int k = start; k < end; k++) {
                double drop = baseP - predictions.get(k - start).probability(target);
                accumulate(dropSum, covered, w, xs[k % xs.length], ys[k / xs.length], patch, drop);
            }
        }
        LOG.debug("Occlusion saliency for {}: {} positions, patch {}, stride {}", classes.get(target), total, patch, step);
        return toMap(w, h, dropSum, covered, target, classes.get(target), baseP, patch, step, total);
    }

    /** Patch origins from 0 in steps of {@code step}, plus the one flush with the far edge. */
    static int[] positions(int size, int patch, int step) {
        int last = size - patch;
        int n = last / step + 1;
        boolean extra = (n - 1) * step != last;
        int[] out = new int[n + (extra ? 1 : 0)];
        for (int i = 0; i < n; i++) {
            out[i] = i * step;
        }
        if (extra) {
            out[n] = last;
        }
        return out;
    }

    private static ImageTensor occlude(ImageTensor image, int x0, int y0, int patch, float[] fillValues) {
        float[] data = image.data().clone();
        int w = image.width();
        int plane = w * image.height();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = y0; y < y0 + patch; y++) {
                int row = c * plane + y * w;
                Arrays.fill(data, row + x0, row + x0 + patch, fillValues[c]);
            }
        }
        return new ImageTensor(data, image.channels(), image.height(), w);
    }

    private static void accumulate(double[] sum, int[] count, int w, int x0, int y0, int patch, double drop) {
        for (int y = y0; y < y0 + patch; y++) {
            for (int x = x0; x < x0 + patch; x++) {
                sum[y * w + x] += drop;
                count[y * w + x]++;
            }
        }
    }

    private static SaliencyMap toMap(int w, int h, double[] dropSum, int[] covered, int target, String name,
                                     double baseP, int patch, int step, int evaluations) {
        float[] drop = new float[w * h];
        float maxDrop = 0;
        for (int i = 0; i < drop.length; i++) {
            drop[i] = (float) (dropSum[i] / covered[i]);
            maxDrop = Math.max(maxDrop, drop[i]);
        }
        float[] heat = new float[w * h];
        if (maxDrop > 0) {
            for (int i = 0; i < heat.length; i++) {
                heat[i] = Math.max(0f, drop[i]) / maxDrop;
            }
        }
        return new SaliencyMap(w, h, heat, drop, target, name, baseP, patch, step, evaluations);
    }
}
