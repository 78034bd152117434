package org.covidxray.engine;

/**
 * A batch of preprocessed images in NCHW order, with class indices (or -1 for unlabelled) and, for
 * source-adversarial training, each image's source index (see {@link NetworkSpec#sourceNames()}). Built
 * by the core training loop and handed to the engine; the engine may read but must not keep the arrays.
 *
 * @param sources per-image source indices, or {@code null} when the batch carries none (prediction,
 *     callers that do not know the sources)
 */
public record Batch(float[] images, int[] labels, int size, int channels, int height, int width, int[] sources) {

    public Batch {
        if ((long) size * channels * height * width != images.length) {
            throw new IllegalArgumentException("batch data has " + images.length + " values, expected "
                    + size + "x" + channels + "x" + height + "x" + width);
        }
        if (labels.length != size) {
            throw new IllegalArgumentException("batch has " + size + " images but " + labels.length + " labels");
        }
        if (sources != null && sources.length != size) {
            throw new IllegalArgumentException("batch has " + size + " images but " + sources.length + " sources");
        }
    }

    /** A batch without source indices. */
    public Batch(float[] images, int[] labels, int size, int channels, int height, int width) {
        this(images, labels, size, channels, height, width, null);
    }

    /** Whether the batch carries per-image source indices. */
    public boolean hasSources() {
        return sources != null;
    }
}
