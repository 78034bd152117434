package org.covidxray.saliency;

import java.util.Objects;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;

/**
 * What an occluded patch is filled with.
 *
 * <p>The default, {@link #imageMean()}, fills each channel with that channel's mean over the whole
 * input tensor: the patch then carries no structure but also no intensity the image did not
 * already have, so the drop in probability measures the missing anatomy rather than the network's
 * reaction to an unusual gray block. {@link #intensity(float)} fills with a fixed intensity in
 * [0, 1], normalised with the classifier's own preprocessing ({@code (v - mean) / std});
 * {@link #midGray()} is intensity 0.5, which is tensor value 0 under the default normalisation.
 *
 * @param kind how the value is chosen
 * @param intensity the fixed intensity in [0, 1] for {@link Kind#INTENSITY}; NaN for {@link Kind#IMAGE_MEAN}
 */
public record OcclusionFill(Kind kind, float intensity) {

    /** How the fill value is chosen. */
    public enum Kind { IMAGE_MEAN, INTENSITY }

    /** Checks that an intensity fill has an intensity in [0, 1]. */
    public OcclusionFill {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.INTENSITY && !(intensity >= 0 && intensity <= 1)) {
            throw new IllegalArgumentException("fill intensity must be in [0, 1], was " + intensity);
        }
        if (kind == Kind.IMAGE_MEAN) {
            intensity = Float.NaN;
        }
    }

    /** Each channel's mean over the input (the default). */
    public static OcclusionFill imageMean() {
        return new OcclusionFill(Kind.IMAGE_MEAN, Float.NaN);
    }

    /** A fixed intensity in [0, 1], before normalisation. */
    public static OcclusionFill intensity(float intensity) {
        return new OcclusionFill(Kind.INTENSITY, intensity);
    }

    /** Intensity 0.5. */
    public static OcclusionFill midGray() {
        return intensity(0.5f);
    }

    /** The tensor value to write into each channel of an occluded patch of {@code image}. */
    public float[] tensorValues(ImageTensor image, PreprocessingConfig preprocessing) {
        int plane = image.height() * image.width();
        float[] values = new float[image.channels()];
        float[] data = image.data();
        for (int c = 0; c < values.length; c++) {
            if (kind == Kind.INTENSITY) {
                values[c] = (intensity - preprocessing.mean()) / preprocessing.std();
            } else {
                double sum = 0;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    sum += data[i];
                }
                values[c] = (float) (sum / plane);
            }
        }
        return values;
    }
}
