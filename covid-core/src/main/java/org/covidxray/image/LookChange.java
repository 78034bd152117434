package org.covidxray.image;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * One change of how an X-ray looks, applied to gray intensities in [0, 1] (before the network's
 * normalisation): the kind of difference a new scanner, exposure or collection brings. Each change maps a
 * row-major {@code width x height} array to a new array of the same size and never modifies its input.
 * Only {@link Noise} draws random numbers, from the generator passed in, so a change is deterministic for a
 * given generator state. Sizes that depend on the image scale (blur sigma) are given in pixels of the
 * network input and converted with {@code inputScale}, the image's pixels per network-input pixel.
 */
public sealed interface LookChange {
    /** The intensities after the change, clamped to [0, 1]. */
    float[] apply(float[] pixels, int width, int height, double inputScale, RandomGenerator random);

    /** The change as the {@code key=value} token that {@link AppearanceShift#parse} reads back. */
    String token();

    /** Power law {@code v^gamma}: below 1 brightens (more exposure), above 1 darkens; 1 is the identity. */
    record Gamma(double gamma) implements LookChange {
        public Gamma {
            if (!(gamma > 0 && gamma <= 10)) {
                throw new IllegalArgumentException("gamma must be in (0, 10], was " + gamma);
            }
        }

        @Override
        public float[] apply(float[] pixels, int width, int height, double inputScale, RandomGenerator random) {
            float[] out = new float[pixels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) Math.pow(clamp(pixels[i]), gamma);
            }
            return out;
        }

        @Override
        public String token() {
            return "gamma=" + num(gamma);
        }
    }

    /** Contrast {@code (v - mean) * factor + mean} around the image mean; 1 is the identity. */
    record Contrast(double factor) implements LookChange {
        public Contrast {
            if (!(factor >= 0 && factor <= 10)) {
                throw new IllegalArgumentException("contrast must be in [0, 10], was " + factor);
            }
        }

        @Override
        public float[] apply(float[] pixels, int width, int height, double inputScale, RandomGenerator random) {
            double sum = 0;
            for (float v : pixels) {
                sum += v;
            }
            double mean = sum / pixels.length;
            float[] out = new float[pixels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = clamp((float) ((pixels[i] - mean) * factor + mean));
            }
            return out;
        }

        @Override
        public String token() {
            return "contrast=" + num(factor);
        }
    }

    /**
     * Lower resolution: the image is resampled down to {@code factor} of its size (area-averaged) and back
     * up (bilinear); 1 is the identity.
     */
    record Resolution(double factor) implements LookChange {
        public Resolution {
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("resolution must be a factor in (0, 1], was " + factor);
            }
        }

        @Override
        public float[] apply(float[] pixels, int width, int height, double inputScale, RandomGenerator random) {
            if (factor == 1) {
                return pixels.clone();
            }
            GrayImage image = new GrayImage(pixels, width, height);
            int w = Math.max(1, (int) Math.round(width * factor));
            int h = Math.max(1, (int) Math.round(height * factor));
            GrayImage small = new GrayImage(image.resize(w, h), w, h);
            return small.resize(width, height);
        }

        @Override
        public String token() {
            return "res=" + num(factor);
        }
    }

    /** Gaussian blur with {@code sigma} in pixels of the network input; 0 is the identity. */
    record Blur(double sigma) implements LookChange {
        public Blur {
            if (!(sigma >= 0 && sigma <= 20)) {
                throw new IllegalArgumentException("blur sigma must be in [0, 20] input pixels, was " + sigma);
            }
        }

        @Override
        public float[] apply(float[] pixels, int width, int height, double inputScale, RandomGenerator random) {
            double s = sigma * inputScale;
            if (s <= 0) {
                return pixels.clone();
            }
            int radius = Math.max(1, (int) Math.ceil(3 * s));
            double[] kernel = new double[2 * radius + 1];
            double total = 0;
            for (int k = -radius; k <= radius; k++) {
                kernel[k + radius] = Math.exp(-k * k / (2 * s * s));
                total += kernel[k + radius];
            }
            for (int k = 0; k < kernel.length; k++) {
                kernel[k] /= total;
            }
            float[] rows = new float[pixels.length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.min(width - 1, Math.max(0, x + k)); // edge pixels repeat
                        acc += kernel[k + radius] * pixels[y * width + xx];
                    }
                    rows[y * width + x] = (float) acc;
                }
            }
            float[] out = new float[pixels.length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int yy = Math.min(height - 1, Math.max(0, y + k));
                        acc += kernel[k + radius] * rows[yy * width + x];
                    }
                    out[y * width + x] = clamp((float) acc);
                }
            }
            return out;
        }

        @Override
        public String token() {
            return "blur=" + num(sigma);
        }
    }

    /** Added Gaussian noise of standard deviation {@code sigma} (intensity units); 0 is the identity. */
    record Noise(double sigma) implements LookChange {
        public Noise {
            if (!(sigma >= 0 && sigma <= 1)) {
                throw new IllegalArgumentException("noise sigma must be in [0, 1], was " + sigma);
            }
        }

        @Override
        public float[] apply(float[] pixels, int width, int height, double inputScale, RandomGenerator random) {
            float[] out = new float[pixels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = clamp((float) (pixels[i] + sigma * random.nextGaussian()));
            }
            return out;
        }

        @Override
        public String token() {
            return "noise=" + num(sigma);
        }
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }
}
