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
 */
public record AugmentationConfig(double maxRotationDegrees, double maxScale, double maxShift,
                                 double maxBrightness, double maxContrast) {

    /** Checks the ranges; NaN and negative values are refused. */
    public AugmentationConfig {
        if (!(within(maxRotationDegrees, 45) && within(maxScale, 0.49) && within(maxShift, 0.49)
                && within(maxBrightness, 0.5) && within(maxContrast, 0.99))) {
            throw new IllegalArgumentException("augmentation ranges out of bounds (rotation 0..45 degrees, "
                    + "scale 0..0.49, shift 0..0.49, brightness 0..0.5, contrast 0..0.99): rotation "
                    + maxRotationDegrees + ", scale " + maxScale + ", shift " + maxShift + ", brightness "
                    + maxBrightness + ", contrast " + maxContrast);
        }
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
        return !hasGeometry() && maxBrightness == 0 && maxContrast == 0;
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
