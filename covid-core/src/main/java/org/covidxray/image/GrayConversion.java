package org.covidxray.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.WritableRaster;

/**
 * Converts decoded images to gray intensities in [0, 1].
 *
 * <p>Gray images keep their stored values (8 or 16 bit, full precision: {@code v / 255} or
 * {@code v / 65535}) with no colour-space conversion; colour images become ITU-R BT.601 luma of
 * their gamma-encoded sRGB values (what PIL's {@code convert("L")} does). Transparent pixels are
 * composited over black, the background of an X-ray.
 *
 * <p>Byte and 16-bit component rasters, which is what the PNG and JPEG decoders return, are read
 * straight from their buffers through per-band lookup tables: {@link BufferedImage#getRGB} costs
 * several times more per pixel and, for gray images, applies a linear-to-sRGB conversion that
 * would change the stored values. Anything else (palettes, packed pixels, other colour spaces)
 * goes through {@code getRGB}.
 */
final class GrayConversion {
    private static final float R = 0.299f;
    private static final float G = 0.587f;
    private static final float B = 0.114f;

    /** Where the samples of one pixel are and what each sample value contributes. */
    private record Layout(int[] bandOffsets, int pixelStride, int lineStride, int offset, float[][] luts,
                          boolean gray, boolean alpha) {
    }

    private GrayConversion() {
    }

    static float[] toGray(BufferedImage image) {
        Layout layout = layout(image);
        if (layout == null) {
            return viaRgb(image);
        }
        DataBuffer buffer = image.getRaster().getDataBuffer();
        if (buffer instanceof DataBufferByte bytes) {
            return fromBytes(bytes.getData(), layout, image.getWidth(), image.getHeight());
        }
        return fromShorts(((DataBufferUShort) buffer).getData(), layout, image.getWidth(), image.getHeight());
    }

    /** The layout of a byte or 16-bit component raster in gray or sRGB; {@code null} for anything else. */
    private static Layout layout(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        WritableRaster raster = image.getRaster();
        DataBuffer buffer = raster.getDataBuffer();
        if (!(cm instanceof ComponentColorModel) || !(raster.getSampleModel() instanceof ComponentSampleModel sm)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || buffer.getNumBanks() != 1
                || !(buffer instanceof DataBufferByte || buffer instanceof DataBufferUShort)) {
            return null;
        }
        boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
        boolean rgb = cm.getColorSpace().isCS_sRGB() && cm.getNumColorComponents() == 3;
        if (!gray && !rgb) {
            return null;
        }
        int bands = cm.getNumComponents();
        float[] weights = gray ? new float[] {1f, 1f} : new float[] {R, G, B, 1f};
        float[][] luts = new float[bands][];
        for (int b = 0; b < bands; b++) {
            if (sm.getBankIndices()[b] != 0) {
                return null;
            }
            int max = (1 << cm.getComponentSize(b)) - 1;
            float weight = weights[Math.min(b, weights.length - 1)];
            // sized for the whole data type, so a sample above the declared bit depth cannot overflow it
            float[] lut = new float[buffer instanceof DataBufferByte ? 1 << 8 : 1 << 16];
            for (int v = 0; v < lut.length; v++) {
                int c = Math.min(v, max);
                lut[v] = weight == 1f ? c / (float) max : weight * c / max;
            }
            luts[b] = lut;
        }
        return new Layout(sm.getBandOffsets(), sm.getPixelStride(), sm.getScanlineStride(), buffer.getOffset(), luts,
                gray, cm.hasAlpha() && !cm.isAlphaPremultiplied());
    }

    private static float[] fromBytes(byte[] data, Layout l, int w, int h) {
        float[] out = new float[w * h];
        float[][] luts = l.luts();
        int[] off = l.bandOffsets();
        int stride = l.pixelStride();
        for (int y = 0; y < h; y++) {
            int p = l.offset() + y * l.lineStride();
            int o = y * w;
            if (l.gray() && !l.alpha()) {
                float[] lut = luts[0];
                for (int x = 0; x < w; x++, p += stride) {
                    out[o + x] = lut[data[p + off[0]] & 0xff];
                }
                continue;
            }
            for (int x = 0; x < w; x++, p += stride) {
                float v = luts[0][data[p + off[0]] & 0xff];
                if (!l.gray()) {
                    v += luts[1][data[p + off[1]] & 0xff] + luts[2][data[p + off[2]] & 0xff];
                }
                if (l.alpha()) {
                    int a = off.length - 1;
                    v *= luts[a][data[p + off[a]] & 0xff];
                }
                out[o + x] = Math.min(1f, v);
            }
        }
        return out;
    }

    private static float[] fromShorts(short[] data, Layout l, int w, int h) {
        float[] out = new float[w * h];
        float[][] luts = l.luts();
        int[] off = l.bandOffsets();
        int stride = l.pixelStride();
        for (int y = 0; y < h; y++) {
            int p = l.offset() + y * l.lineStride();
            int o = y * w;
            for (int x = 0; x < w; x++, p += stride) {
                float v = luts[0][data[p + off[0]] & 0xffff];
                if (!l.gray()) {
                    v += luts[1][data[p + off[1]] & 0xffff] + luts[2][data[p + off[2]] & 0xffff];
                }
                if (l.alpha()) {
                    int a = off.length - 1;
                    v *= luts[a][data[p + off[a]] & 0xffff];
                }
                out[o + x] = Math.min(1f, v);
            }
        }
        return out;
    }

    private static float[] viaRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                float a = ((p >>> 24) & 0xff) / 255f;
                float lum = (R * ((p >> 16) & 0xff) + G * ((p >> 8) & 0xff) + B * (p & 0xff)) / 255f;
                out[y * w + x] = Math.min(1f, lum * a);
            }
        }
        return out;
    }
}
