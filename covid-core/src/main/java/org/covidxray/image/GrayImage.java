package org.covidxray.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * A decoded single-channel image with intensities in [0, 1] (row-major). Conversion from colour uses
 * ITU-R BT.601 luminance; 16-bit samples keep their full precision. Immutable.
 */
public final class GrayImage {
    private final float[] data;
    private final int width;
    private final int height;

    public GrayImage(float[] data, int width, int height) {
        this.data = Objects.requireNonNull(data, "data");
        this.width = width;
        this.height = height;
        if ((long) width * height != data.length) {
            throw new IllegalArgumentException(data.length + " pixels for " + width + "x" + height);
        }
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

    /** Converts any decoded image: gray 8/16 bit directly, everything else through sRGB luminance. */
    public static GrayImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        int type = raster.getDataBuffer().getDataType();
        boolean plainGray = image.getColorModel().getNumColorComponents() == 1
                && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && !(image.getColorModel() instanceof java.awt.image.IndexColorModel);
        if (plainGray && (type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT)) {
            int bits = image.getColorModel().getComponentSize(0);
            float max = (float) ((1L << bits) - 1);
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = row[x * bands] / max;
                }
            }
            return new GrayImage(out, w, h);
        }
        int[] rgb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, rgb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = rgb[x];
                int a = (p >>> 24) & 0xff;
                float r = ((p >> 16) & 0xff) / 255f;
                float g = ((p >> 8) & 0xff) / 255f;
                float b = (p & 0xff) / 255f;
                float lum = 0.299f * r + 0.587f * g + 0.114f * b;
                // transparent pixels become black, as X-ray backgrounds are
                out[y * w + x] = lum * (a / 255f);
            }
        }
        return new GrayImage(out, w, h);
    }

    /** Global histogram equalisation on 256 bins. */
    public GrayImage equalized() {
        int[] hist = new int[256];
        for (float v : data) {
            hist[bin(v)]++;
        }
        float[] cdf = new float[256];
        int running = 0;
        int firstNonZero = -1;
        for (int i = 0; i < 256; i++) {
            running += hist[i];
            cdf[i] = running;
            if (firstNonZero < 0 && hist[i] > 0) {
                firstNonZero = i;
            }
        }
        float cdfMin = firstNonZero < 0 ? 0 : cdf[firstNonZero];
        float denom = Math.max(1f, data.length - cdfMin);
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = Math.max(0f, (cdf[bin(data[i])] - cdfMin) / denom);
        }
        return new GrayImage(out, width, height);
    }

    private static int bin(float v) {
        return Math.min(255, Math.max(0, (int) (v * 255f + 0.5f)));
    }

    /**
     * Resizes to {@code newWidth} x {@code newHeight}. Each output pixel is the average of the source
     * area it covers (exact for downscaling, bilinear-like for upscaling), so no aliasing.
     */
    public float[] resize(int newWidth, int newHeight) {
        return resizeRegion(0, 0, width, height, newWidth, newHeight);
    }

    /** Scales the shorter side to {@code size} and takes the centred {@code size} x {@code size} square. */
    public float[] resizeCenterCrop(int size) {
        int side = Math.min(width, height);
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        return resizeRegion(x0, y0, side, side, size, size);
    }

    private float[] resizeRegion(int x0, int y0, int regionW, int regionH, int newW, int newH) {
        float[] out = new float[newW * newH];
        double sx = (double) regionW / newW;
        double sy = (double) regionH / newH;
        if (sx <= 1 && sy <= 1) {
            for (int y = 0; y < newH; y++) {
                double fy = Math.min(regionH - 1, Math.max(0, (y + 0.5) * sy - 0.5));
                int iy = (int) fy;
                int iy1 = Math.min(regionH - 1, iy + 1);
                double wy = fy - iy;
                for (int x = 0; x < newW; x++) {
                    double fx = Math.min(regionW - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                    int ix = (int) fx;
                    int ix1 = Math.min(regionW - 1, ix + 1);
                    double wx = fx - ix;
                    double top = get(x0 + ix, y0 + iy) * (1 - wx) + get(x0 + ix1, y0 + iy) * wx;
                    double bottom = get(x0 + ix, y0 + iy1) * (1 - wx) + get(x0 + ix1, y0 + iy1) * wx;
                    out[y * newW + x] = (float) (top * (1 - wy) + bottom * wy);
                }
            }
            return out;
        }
        for (int y = 0; y < newH; y++) {
            double ya = y * sy;
            double yb = Math.min(regionH, (y + 1) * sy);
            for (int x = 0; x < newW; x++) {
                double xa = x * sx;
                double xb = Math.min(regionW, (x + 1) * sx);
                double sum = 0;
                double area = 0;
                for (int py = (int) ya; py < Math.ceil(yb); py++) {
                    double hy = Math.min(yb, py + 1) - Math.max(ya, py);
                    if (hy <= 0) {
                        continue;
                    }
                    int row = (y0 + py) * width + x0;
                    for (int px = (int) xa; px < Math.ceil(xb); px++) {
                        double hx = Math.min(xb, px + 1) - Math.max(xa, px);
                        if (hx <= 0) {
                            continue;
                        }
                        double wgt = hx * hy;
                        sum += data[row + px] * wgt;
                        area += wgt;
                    }
                }
                out[y * newW + x] = (float) (area > 0 ? sum / area : 0);
            }
        }
        return out;
    }
}
