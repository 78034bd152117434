package org.covidxray.saliency;

import java.util.Arrays;
import java.util.Objects;

/**
 * An occlusion saliency map, aligned pixel for pixel with the network input it explains. Immutable.
 *
 * <p>{@code drop} is, for each input pixel, the mean over all occluding patches that covered it of
 * {@code p(target | input) - p(target | input with the patch occluded)}: positive where hiding the
 * pixel lowers the target's probability (evidence for the target), negative where it raises it.
 * {@code heat} is the positive part of {@code drop} divided by its largest value, so it lies in
 * [0, 1] with 1 at the most important place; it is all zero when no patch lowered the probability.
 * It explains what the model looks at, not where disease is.
 *
 * @param width input width in pixels
 * @param height input height in pixels
 * @param heat normalised saliency in [0, 1], row-major
 * @param drop raw probability drop in [-1, 1], row-major
 * @param targetIndex the explained class index
 * @param targetClass the explained class name
 * @param baseProbability the target's probability on the unoccluded input
 * @param patchSize side of the occluding square in input pixels
 * @param stride step between patch positions in input pixels
 * @param evaluations occluded images the classifier was run on
 */
public record SaliencyMap(int width, int height, float[] heat, float[] drop, int targetIndex, String targetClass,
                          double baseProbability, int patchSize, int stride, int evaluations) {

    /** A pixel position. */
    public record Location(int x, int y) {
    }

    /** Copies the arrays and checks their sizes. */
    public SaliencyMap {
        Objects.requireNonNull(targetClass, "targetClass");
        if (width <= 0 || height <= 0 || heat.length != width * height || drop.length != width * height) {
            throw new IllegalArgumentException("maps of " + heat.length + " and " + drop.length
                    + " values for " + width + "x" + height);
        }
        heat = heat.clone();
        drop = drop.clone();
    }

    /** A copy of the normalised map. */
    @Override
    public float[] heat() {
        return heat.clone();
    }

    /** A copy of the raw probability drops. */
    @Override
    public float[] drop() {
        return drop.clone();
    }

    /** Normalised saliency at (x, y). */
    public float heat(int x, int y) {
        return heat[y * width + x];
    }

    /** Raw probability drop at (x, y). */
    public float drop(int x, int y) {
        return drop[y * width + x];
    }

    /** Where the drop is largest (the first such pixel in row-major order). */
    public Location peak() {
        int best = 0;
        for (int i = 1; i < drop.length; i++) {
            if (drop[i] > drop[best]) {
                best = i;
            }
        }
        return new Location(best % width, best / width);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaliencyMap m && width == m.width && height == m.height && targetIndex == m.targetIndex
                && targetClass.equals(m.targetClass) && Double.compare(baseProbability, m.baseProbability) == 0
                && patchSize == m.patchSize && stride == m.stride && evaluations == m.evaluations
                && Arrays.equals(heat, m.heat) && Arrays.equals(drop, m.drop);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, targetIndex, targetClass, baseProbability, patchSize, stride, evaluations,
                Arrays.hashCode(heat), Arrays.hashCode(drop));
    }

    @Override
    public String toString() {
        return "SaliencyMap[" + width + "x" + height + ", target " + targetClass + " (p=" + baseProbability
                + "), patch " + patchSize + ", stride " + stride + ", peak " + peak() + "]";
    }
}
