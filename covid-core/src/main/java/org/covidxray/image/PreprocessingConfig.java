package org.covidxray.image;

/**
 * How an image file becomes a network input. Saved inside every model bundle so that inference
 * always uses the settings the model was trained with.
 *
 * <p>The pixel convention: the decoded image is converted to one gray channel in [0, 1] (gray
 * samples divided by the maximum of their bit depth, 255 or 65535, with no colour-space conversion;
 * colour as ITU-R BT.601 luma of the sRGB values; palettes looked up; transparent pixels composited
 * over black), optionally histogram-equalised, resized to {@code imageSize} x {@code imageSize}
 * (either stretched, or the shorter side scaled and the centre cropped; area averaging when
 * shrinking, linear interpolation when enlarging), and then normalised as {@code (v - mean) / std}.
 * With a border mask, the outer band of the resized input ({@code borderMask} of the side at each edge)
 * is then set to 0 (the normalised {@code mean}), so that text, markers and collimation edges there
 * cannot inform the model.
 * The tensor layout is channels-first (CHW), row-major.
 *
 * @param imageSize side of the square network input in pixels
 * @param centerCrop scale the shorter side to {@code imageSize} and crop the centre (true), or
 *     stretch the whole image to a square (false)
 * @param equalizeHistogram apply global histogram equalisation before resizing
 * @param mean subtracted after scaling to [0, 1]
 * @param std divided by after subtracting the mean
 * @param maxPixels images whose header declares more pixels are refused before decoding
 * @param borderMask share of the side, at each edge, blanked after resizing; 0 (no mask) up to below 0.5
 *     (bundles written before the mask existed read as 0)
 */
public record PreprocessingConfig(int imageSize, boolean centerCrop, boolean equalizeHistogram,
                                  float mean, float std, long maxPixels, float borderMask) {

    /** 50 megapixels: far above any real chest X-ray, far below what would exhaust memory. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    public PreprocessingConfig {
        if (imageSize < 8 || imageSize > 2048) {
            throw new IllegalArgumentException("imageSize must be between 8 and 2048, was " + imageSize);
        }
        if (!Float.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be a finite number, was " + mean);
        }
        if (!(std > 0) || Float.isInfinite(std)) {
            throw new IllegalArgumentException("std must be > 0, was " + std);
        }
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be > 0, was " + maxPixels);
        }
        if (!(borderMask >= 0 && borderMask < 0.5f)) {
            throw new IllegalArgumentException("borderMask must be in [0, 0.5), was " + borderMask);
        }
    }

    /** Stretch to {@code imageSize}, no equalisation, values centred on 0 ({@code (v - 0.5) / 0.25}). */
    public static PreprocessingConfig defaults(int imageSize) {
        return new PreprocessingConfig(imageSize, false, false, 0.5f, 0.25f, DEFAULT_MAX_PIXELS, 0f);
    }

    /** Number of channels of the network input: always 1 (gray). */
    public int channels() {
        return 1;
    }

    public PreprocessingConfig withImageSize(int size) {
        return new PreprocessingConfig(size, centerCrop, equalizeHistogram, mean, std, maxPixels, borderMask);
    }

    public PreprocessingConfig withCenterCrop(boolean crop) {
        return new PreprocessingConfig(imageSize, crop, equalizeHistogram, mean, std, maxPixels, borderMask);
    }

    public PreprocessingConfig withEqualizeHistogram(boolean equalize) {
        return new PreprocessingConfig(imageSize, centerCrop, equalize, mean, std, maxPixels, borderMask);
    }

    public PreprocessingConfig withMaxPixels(long max) {
        return new PreprocessingConfig(imageSize, centerCrop, equalizeHistogram, mean, std, max, borderMask);
    }

    public PreprocessingConfig withBorderMask(float share) {
        return new PreprocessingConfig(imageSize, centerCrop, equalizeHistogram, mean, std, maxPixels, share);
    }

    /** Width in pixels of the blanked band at each edge of the {@code imageSize} input. */
    public int borderMaskPixels() {
        return Math.round(borderMask * imageSize);
    }
}
