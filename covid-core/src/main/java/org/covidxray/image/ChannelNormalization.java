package org.covidxray.image;

import java.util.List;
import java.util.function.Function;

/**
 * How an imported model (TorchScript, ONNX) wants its input: the library's gray image in [0, 1] copied to
 * {@code channels} channels and normalised per channel as {@code (v - mean[c]) / std[c]}. One {@code mean}
 * or {@code std} value applies to every channel. Engine-free: the engines only hand the result to their
 * runtime.
 *
 * @param channels 1 or 3
 * @param mean one value, or one per channel
 * @param std one value, or one per channel; each finite and above 0
 */
public record ChannelNormalization(int channels, List<Double> mean, List<Double> std) {

    public ChannelNormalization {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    /**
     * Checks the values; {@code error} turns a message naming the sidecar field (e.g. "field 'std' ...")
     * into the exception to throw, so that it can name the file.
     */
    public void validate(Function<String, RuntimeException> error) {
        if (channels != 1 && channels != 3) {
            throw error.apply("field 'channels' must be 1 or 3, was " + channels);
        }
        if (mean.size() != 1 && mean.size() != channels) {
            throw error.apply("field 'mean' needs 1 or " + channels + " values, has " + mean);
        }
        if (std.size() != 1 && std.size() != channels) {
            throw error.apply("field 'std' needs 1 or " + channels + " values, has " + std);
        }
        if (std.stream().anyMatch(s -> !(s > 0) || s.isInfinite())) {
            throw error.apply("field 'std' values must be finite and > 0, was " + std);
        }
    }

    /** Mean of channel {@code c}. */
    public float mean(int c) {
        return (float) (mean.size() == 1 ? mean.get(0) : mean.get(c)).doubleValue();
    }

    /** Standard deviation of channel {@code c}. */
    public float std(int c) {
        return (float) (std.size() == 1 ? std.get(0) : std.get(c)).doubleValue();
    }

    /**
     * The NCHW input [N, channels, size, size] of gray images (each 1 x size x size).
     *
     * @throws IllegalArgumentException naming the first image of another shape
     */
    public float[] input(List<ImageTensor> grays, int size) {
        int plane = size * size;
        float[] input = new float[grays.size() * channels * plane];
        for (int i = 0; i < grays.size(); i++) {
            ImageTensor image = grays.get(i);
            if (image.channels() != 1 || image.height() != size || image.width() != size) {
                throw new IllegalArgumentException("Image " + i + " is " + image.channels() + "x" + image.height() + "x"
                        + image.width() + "; this model expects 1x" + size + "x" + size
                        + ". Preprocess images with the model's own settings (Classifier.preprocessing()).");
            }
            float[] gray = image.data();
            for (int c = 0; c < channels; c++) {
                float m = mean(c);
                float s = std(c);
                int to = (i * channels + c) * plane;
                for (int k = 0; k < plane; k++) {
                    input[to + k] = (gray[k] - m) / s;
                }
            }
        }
        return input;
    }
}
