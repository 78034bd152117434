package org.covidxray.image;

import java.awt.image.BufferedImage;

/**
 * A decoded single-channel image with intensities in [0, 1], row-major. Immutable: the pixel array
 * is never shared with callers.
 */
public final class GrayImage {
    private static final int BINS = 256;

    private final float[] data;
    private final int width;
    private final int height;

    /**
     * An image from row-major intensities in [0, 1]; the array is copied.
     *
     * @throws IllegalArgumentException if the sizes are not positive or do not match the array
     */
    public GrayImage(float[] data, int width, int height) {
        this(width, height, data.clone());
    }

    /** Takes ownership of {@code data} without copying. */
    private GrayImage(int width, int height, float[] data) {
        if (width <= 0 || height <= 0 || (long) width * height != data.length) {
            throw new IllegalArgumentException(data.length + " pixels for " + width + "x" + height);
        }
        this.data = data;
        this.width = width;
        this.height = height;
    }

    /**
     * Converts a decoded image: gray 8/16 bit keep their stored values at full precision (divided by
     * 255 or 65535), colour becomes ITU-R BT.601 luma of the sRGB values, palettes are looked up, and
     * transparent pixels are composited over black.
     */
    public static GrayImage of(BufferedImage image) {
        return new GrayImage(image.getWidth(), image.getHeight(), GrayConversion.toGray(image));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Intensity at (x, y) in [0, 1]. */
    public float get(int x, int y) {
        return data[y * width + x];
    }

    /** A copy of the row-major intensities. */
    public float[] pixels() {
        return data.clone();
    }

    /** Mean intensity. */
    public double mean() {
        double sum = 0;
        for (float v : data) {
            sum += v;
        }
        return sum / data.length;
    }

    /**
     * Global histogram equalisation on 256 bins (16-bit images are binned too): each pixel becomes
     * {@code (cdf(bin) - cdf(first non-empty bin)) / (pixels - cdf(first non-empty bin))}, the
     * OpenCV {@code equalizeHist} formula. An image with a single intensity is returned unchanged,
     * since it has no contrast to stretch.
     */
    public GrayImage equalized() {
        int[] hist = new int[BINS];
        for (float v : data) {
            hist[bin(v)]++;
        }
        int firstBin = 0;
        while (hist[firstBin] == 0) {
            firstBin++;
        }
        int cdfMin = hist[firstBin];
        if (cdfMin == data.length) {
            return this;
        }
        float[] lut = new float[BINS];
        int running = 0;
        for (int i = 0; i < BINS; i++) {
            running += hist[i];
            lut[i] = Math.max(0, running - cdfMin) / (float) (data.length - cdfMin);
        }
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = lut[bin(data[i])];
        }
        return new GrayImage(width, height, out);
    }

    private static int bin(float v) {
        return Math.min(BINS - 1, Math.max(0, Math.round(v * (BINS - 1))));
    }

    /**
     * Resizes to {@code newWidth} x {@code newHeight}: along a shrinking axis each output pixel is the
     * area-weighted average of the source pixels it covers (no aliasing), along a growing axis it is
     * linearly interpolated with centre-aligned pixels.
     *
     * @return row-major intensities, a new array
     */
    public float[] resize(int newWidth, int newHeight) {
        checkSize(newWidth, newHeight);
        return Resampler.resize(data, width, 0, 0, width, height, newWidth, newHeight);
    }

    /**
     * Takes the centred square whose side is the shorter image side (when the difference is odd,
     * the extra column or row is dropped on the right or bottom) and resizes it to
     * {@code size} x {@code size}.
     */
    public float[] resizeCenterCrop(int size) {
        checkSize(size, size);
        int side = Math.min(width, height);
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        return Resampler.resize(data, width, x0, y0, side, side, size, size);
    }

    private static void checkSize(int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("target size must be positive, was " + w + "x" + h);
        }
    }
}
