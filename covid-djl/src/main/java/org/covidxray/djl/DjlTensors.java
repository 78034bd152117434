package org.covidxray.djl;

import java.util.List;
import org.covidxray.image.ImageTensor;

/** Conversions between the core's float arrays and the flat buffers DJL reads and writes. */
final class DjlTensors {
    private DjlTensors() {
    }

    /** Splits a row-major [rows x columns] buffer into rows. */
    static float[][] rows(float[] flat, int rows, int columns) {
        if (flat.length != rows * columns) {
            throw new IllegalStateException("expected " + rows + "x" + columns + " outputs, got " + flat.length);
        }
        float[][] out = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * columns, out[r], 0, columns);
        }
        return out;
    }

    /** Concatenates images of one shape into an NCHW buffer; the message names the first mismatch. */
    static float[] stack(List<ImageTensor> images, int channels, int height, int width) {
        int size = channels * height * width;
        float[] flat = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            ImageTensor image = images.get(i);
            if (image.channels() != channels || image.height() != height || image.width() != width) {
                throw new IllegalArgumentException("Image " + i + " is " + image.channels() + "x" + image.height()
                        + "x" + image.width() + "; this model expects " + channels + "x" + height + "x" + width
                        + ". Preprocess images with the model's own settings (Classifier.preprocessing()).");
            }
            System.arraycopy(image.data(), 0, flat, i * size, size);
        }
        return flat;
    }
}
