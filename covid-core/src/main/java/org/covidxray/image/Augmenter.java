package org.covidxray.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Training-time augmentation of preprocessed tensors: a random affine transform about the image
 * centre (rotation, scale, shift, sampled bilinearly; pixels coming from outside the image take the
 * value of black) followed by contrast around the image mean and an added brightness. Brightness
 * {@code b} (in [0, 1] intensity units) moves the mean intensity by exactly {@code b}, i.e. the
 * tensor mean by {@code b / std}. Look changes ({@link LookChange}: gamma, contrast, blur, noise), when
 * configured, follow on the [0, 1] intensities, each on half of the draws.
 *
 * <p>The randomness comes only from the generator passed in (one draw per non-zero range, in the order
 * rotation, scale, shift x, shift y, brightness, contrast, then for each look change a coin and its
 * amount), so runs are
 * reproducible and no global state is touched. Thread-safe. An identity configuration returns the
 * input unchanged.
 */
public final class Augmenter {
    private final AugmentationConfig config;
    private final PreprocessingConfig preprocessing;

    public Augmenter(AugmentationConfig config, PreprocessingConfig preprocessing) {
        this.config = Objects.requireNonNull(config, "config");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
    }

    public AugmentationConfig config() {
        return config;
    }

    /** A randomly transformed copy of {@code image}, or {@code image} itself for an identity configuration. */
    public ImageTensor apply(ImageTensor image, RandomGenerator random) {
        if (config.isIdentity()) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        double angle = Math.toRadians(uniform(random, config.maxRotationDegrees()));
        double scale = 1 + uniform(random, config.maxScale());
        double shiftX = uniform(random, config.maxShift()) * w;
        double shiftY = uniform(random, config.maxShift()) * h;
        double brightness = uniform(random, config.maxBrightness()) / preprocessing.std();
        double contrast = 1 + uniform(random, config.maxContrast());
        float fill = (0f - preprocessing.mean()) / preprocessing.std();

        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        float[] src = image.data();
        float[] out = config.hasGeometry() ? new float[src.length] : src.clone();
        for (int c = 0; c < image.channels(); c++) {
            int base = c * w * h;
            if (config.hasGeometry()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        // inverse mapping: where in the source does this output pixel come from
                        double dx = x - cx - shiftX;
                        double dy = y - cy - shiftY;
                        double sx = cos * dx + sin * dy + cx;
                        double sy = -sin * dx + cos * dy + cy;
                        out[base + y * w + x] = sample(src, base, w, h, sx, sy, fill);
                    }
                }
            }
            double sum = 0;
            for (int i = base; i < base + w * h; i++) {
                sum += out[i];
            }
            float mean = (float) (sum / (w * h));
            for (int i = base; i < base + w * h; i++) {
                out[i] = (float) ((out[i] - mean) * contrast + mean + brightness);
            }
        }
        if (config.hasLook()) {
            look(out, image.channels(), w, h, random);
        }
        return new ImageTensor(out, image.channels(), h, w);
    }

    /** The configured look changes on the intensities of each channel, in place. */
    private void look(float[] data, int channels, int w, int h, RandomGenerator random) {
        List<LookChange> changes = new ArrayList<>(4);
        if (config.lookGamma() > 0 && random.nextBoolean()) {
            double logMax = Math.log1p(config.lookGamma());
            changes.add(new LookChange.Gamma(Math.exp((random.nextDouble() * 2 - 1) * logMax)));
        }
        if (config.lookContrast() > 0 && random.nextBoolean()) {
            changes.add(new LookChange.Contrast(1 + uniform(random, config.lookContrast())));
        }
        if (config.lookBlur() > 0 && random.nextBoolean()) {
            changes.add(new LookChange.Blur(random.nextDouble() * config.lookBlur()));
        }
        if (config.lookNoise() > 0 && random.nextBoolean()) {
            changes.add(new LookChange.Noise(random.nextDouble() * config.lookNoise()));
        }
        if (changes.isEmpty()) {
            return;
        }
        float mean = preprocessing.mean();
        float std = preprocessing.std();
        int n = w * h;
        for (int c = 0; c < channels; c++) {
            float[] pixels = new float[n];
            for (int i = 0; i < n; i++) {
                pixels[i] = data[c * n + i] * std + mean;
            }
            for (LookChange change : changes) {
                pixels = change.apply(pixels, w, h, 1.0, random);
            }
            for (int i = 0; i < n; i++) {
                data[c * n + i] = (pixels[i] - mean) / std;
            }
        }
    }

    private static float sample(float[] src, int base, int w, int h, double x, double y, float fill) {
        if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) {
            return fill;
        }
        double fx = Math.min(w - 1, Math.max(0, x));
        double fy = Math.min(h - 1, Math.max(0, y));
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double wx = fx - x0;
        double wy = fy - y0;
        double top = src[base + y0 * w + x0] * (1 - wx) + src[base + y0 * w + x1] * wx;
        double bottom = src[base + y1 * w + x0] * (1 - wx) + src[base + y1 * w + x1] * wx;
        return (float) (top * (1 - wy) + bottom * wy);
    }

    private static double uniform(RandomGenerator random, double max) {
        return max == 0 ? 0 : (random.nextDouble() * 2 - 1) * max;
    }
}
