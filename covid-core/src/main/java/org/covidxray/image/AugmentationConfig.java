package org.covidxray.image;

/**
 * Training-time augmentation ranges; each image draws uniformly within them.
 *
 * @param maxRotationDegrees rotation in [-max, max] degrees
 * @param maxScale zoom factor in [1 - max, 1 + max]
 * @param maxShift translation in [-max, max] of the image side, per axis
 * @param maxBrightness added intensity in [-max, max], in [0, 1] intensity units (before normalisation);
 *     it shifts the mean intensity of the image by exactly the drawn amount
 * @param maxContrast contrast factor in [1 - max, 1 + max] around the image mean
 * @param lookGamma look change: with probability 1/2, gamma drawn log-uniformly in [1 / (1 + max), 1 + max]
 * @param lookContrast look change: with probability 1/2, contrast in [1 - max, 1 + max] around the mean
 * @param lookBlur look change: with probability 1/2, Gaussian blur of sigma in [0, max] input pixels
 * @param lookNoise look change: with probability 1/2, Gaussian noise of sigma in [0, max] intensity units
 *     (the look changes are those of {@link LookChange}, applied after the others; 0 = never; NaN, what a
 *     bundle from before these fields reads as, also means never)
 */
public record AugmentationConfig(double maxRotationDegrees, double maxScale, double maxShift,
                                 double maxBrightness, double maxContrast, double lookGamma, double lookContrast,
                                 double lookBlur, double lookNoise) {

    /** Checks the ranges; NaN and negative values are refused. */
    public AugmentationConfig {
        if (!(within(maxRotationDegrees, 45) && within(maxScale, 0.49) && within(maxShift, 0.49)
                && within(maxBrightness, 0.5) && within(maxContrast, 0.99))) {
            throw new IllegalArgumentException("augmentation ranges out of bounds (rotation 0..45 degrees, "
                    + "scale 0..0.49, shift 0..0.49, brightness 0..0.5, contrast 0..0.99): rotation "
                    + maxRotationDegrees + ", scale " + maxScale + ", shift " + maxShift + ", brightness "
                    + maxBrightness + ", contrast " + maxContrast);
        }
        // bundles written before the look changes existed have no such fields, which the reader gives as NaN
        lookGamma = Double.isNaN(lookGamma) ? 0 : lookGamma;
        lookContrast = Double.isNaN(lookContrast) ? 0 : lookContrast;
        lookBlur = Double.isNaN(lookBlur) ? 0 : lookBlur;
        lookNoise = Double.isNaN(lookNoise) ? 0 : lookNoise;
        if (!(within(lookGamma, 4) && within(lookContrast, 0.99) && within(lookBlur, 5) && within(lookNoise, 0.3))) {
            throw new IllegalArgumentException("look augmentation ranges out of bounds (gamma 0..4, contrast 0..0.99, "
                    + "blur 0..5 input pixels, noise 0..0.3): gamma " + lookGamma + ", contrast " + lookContrast
                    + ", blur " + lookBlur + ", noise " + lookNoise);
        }
    }

    /** Geometry, brightness and contrast only, no look changes. */
    public AugmentationConfig(double maxRotationDegrees, double maxScale, double maxShift, double maxBrightness,
                              double maxContrast) {
        this(maxRotationDegrees, maxScale, maxShift, maxBrightness, maxContrast, 0, 0, 0, 0);
    }

    /** This configuration with the look changes of {@link #lookDefaults()} added. */
    public AugmentationConfig withLookDefaults() {
        AugmentationConfig d = lookDefaults();
        return new AugmentationConfig(maxRotationDegrees, maxScale, maxShift, maxBrightness, maxContrast,
                d.lookGamma, d.lookContrast, d.lookBlur, d.lookNoise);
    }

    /**
     * Look changes only, each applied to half the draws: gamma in [0.625, 1.6], contrast in [0.6, 1.4], blur
     * up to 1.5 input pixels, noise up to 0.05 (the ranges of the {@link AppearanceShift} presets).
     */
    public static AugmentationConfig lookDefaults() {
        return new AugmentationConfig(0, 0, 0, 0, 0, 0.6, 0.4, 1.5, 0.05);
    }

    /** True when a look change (gamma, contrast, blur, noise) may be drawn. */
    public boolean hasLook() {
        return lookGamma != 0 || lookContrast != 0 || lookBlur != 0 || lookNoise != 0;
    }

    private static boolean within(double value, double max) {
        return value >= 0 && value <= max;
    }

    /** No augmentation: {@link Augmenter#apply} returns its input unchanged. */
    public static AugmentationConfig none() {
        return new AugmentationConfig(0, 0, 0, 0, 0);
    }

    /** True when every range is zero, i.e. augmentation changes nothing. */
    public boolean isIdentity() {
        return !hasGeometry() && maxBrightness == 0 && maxContrast == 0 && !hasLook();
    }

    /** True when rotation, scale or shift may change pixel positions. */
    public boolean hasGeometry() {
        return maxRotationDegrees != 0 || maxScale != 0 || maxShift != 0;
    }

    /** Small, anatomy-preserving changes: 10 degrees, 10% scale, 8% shift, 0.1 brightness and contrast. */
    public static AugmentationConfig defaults() {
        return new AugmentationConfig(10, 0.10, 0.08, 0.10, 0.10);
    }
}
