package org.covidxray.image;

/**
 * Training-time augmentation ranges; each image draws uniformly within them.
 *
 * @param maxRotationDegrees rotation in [-max, max] degrees
 * @param maxScale zoom factor in [1 - max, 1 + max]
 * @param maxShift translation in [-max, max] of the image side, per axis
 * @param maxBrightness added intensity in [-max, max] (in [0, 1] pixel units)
 * @param maxContrast contrast factor in [1 - max, 1 + max] around the image mean
 */
public record AugmentationConfig(double maxRotationDegrees, double maxScale, double maxShift,
                                 double maxBrightness, double maxContrast) {

    public AugmentationConfig {
        if (maxRotationDegrees < 0 || maxRotationDegrees > 45 || maxScale < 0 || maxScale >= 0.5
                || maxShift < 0 || maxShift >= 0.5 || maxBrightness < 0 || maxBrightness > 0.5
                || maxContrast < 0 || maxContrast >= 1) {
            throw new IllegalArgumentException("augmentation ranges out of bounds: " + this);
        }
    }

    /** Small, anatomy-preserving changes: 10 degrees, 10% scale, 8% shift, 0.1 brightness and contrast. */
    public static AugmentationConfig defaults() {
        return new AugmentationConfig(10, 0.10, 0.08, 0.10, 0.10);
    }
}
