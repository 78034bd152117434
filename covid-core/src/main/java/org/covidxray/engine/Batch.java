package org.covidxray.engine;

/**
 * A batch of preprocessed images in NCHW order, with class indices (or -1 for unlabelled). Built by
 * the core training loop and handed to the engine; the engine may read but must not keep the arrays.
 */
public record Batch(float[] images, int[] labels, int size, int channels, int height, int width) {

    public Batch {
        if ((long) size * channels * height * width != images.length) {
            throw new IllegalArgumentException("batch data has " + images.length + " values, expected "
                    + size + "x" + channels + "x" + height + "x" + width);
        }
        if (labels.length != size) {
            throw new IllegalArgumentException("batch has " + size + " images but " + labels.length + " labels");
        }
    }
}
