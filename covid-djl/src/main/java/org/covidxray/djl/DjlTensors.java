package org.covidxray.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.covidxray.image.ImageTensor;
import org.covidxray.model.Prediction;

/** Conversions between the core's float arrays and the flat buffers DJL reads and writes. */
final class DjlTensors {
    private DjlTensors() {
    }

    /**
     * Predictions for {@code images}, computed by {@code probabilities} on consecutive chunks of at most
     * {@code maxBatch} images so that one call's memory stays bounded.
     */
    static List<Prediction> predictInChunks(List<ImageTensor> images, int maxBatch, List<String> classNames,
                                            Function<List<ImageTensor>, float[][]> probabilities) {
        List<Prediction> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += maxBatch) {
            for (float[] row : probabilities.apply(images.subList(from, Math.min(images.size(), from + maxBatch)))) {
                out.add(Prediction.of(classNames, row));
            }
        }
        return out;
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
