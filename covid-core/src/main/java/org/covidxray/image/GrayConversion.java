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
 * <p>Gray images keep their stored values (8 or 16 bit, full precision) with no colour-space
 * conversion; colour images become ITU-R BT.601 luma of their gamma-encoded sRGB values (what
 * PIL's {@code convert("L")} does). Transparent pixels are composited over black, the background of
 * an X-ray. Byte and 16-bit component rasters (the JPEG and PNG decoders' output) are read directly
 * from their buffers; anything else (palettes, packed pixels, other colour spaces) goes through
 * {@link BufferedImage#getRGB}.
 */
final class GrayConversion {
    private static final float R = 0.299f;
    private static final float G = 0.587f;
    private static final float B = 0.114f;

    private GrayConversion() {
    }

    static float[] toGray(BufferedImage image) {
        float[] direct = direct(image);
        return direct != null ? direct : viaRgb(image);
    }

    /** Reads component rasters straight from the buffer; {@code null} when the layout is not one of those. */
    private static float[] direct(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        WritableRaster raster = image.getRaster();
        if (!(cm instanceof ComponentColorModel) || !(raster.getSampleModel() instanceof ComponentSampleModel sm)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
            return null;
        }
        int colorType = cm.getColorSpace().getType();
        boolean gray = colorType == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
        boolean rgb = cm.getColorSpace().isCS_sRGB() && cm.getNumColorComponents() == 3;
        if (!gray && !rgb) {
            return null;
        }
        DataBuffer buffer = raster.getDataBuffer();
        Samples samples;
        if (buffer instanceof DataBufferByte bytes && bytes.getNumBanks() == 1) {
            byte[] data = bytes.getData();
            samples = i -> data[i] & 0xff;
        } else if (buffer instanceof DataBufferUShort shorts && shorts.getNumBanks() == 1) {
            short[] data = shorts.getData();
            samples = i -> data[i] & 0xffff;
        } else {
            return null;
        }
        int bands = cm.getNumComponents();
        int[] bandOffsets = sm.getBandOffsets();
        float[] max = new float[bands];
        for (int b = 0; b < bands; b++) {
            if (sm.getBankIndices()[b] != 0) {
                return null;
            }
            max[b] = (1 << cm.getComponentSize(b)) - 1;
        }
        boolean alpha = cm.hasAlpha() && !cm.isAlphaPremultiplied();
        int w = image.getWidth();
        int h = image.getHeight();
        int pixelStride = sm.getPixelStride();
        int lineStride = sm.getScanlineStride();
        int offset = buffer.getOffset();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int p = offset + y * lineStride;
            for (int x = 0; x < w; x++, p += pixelStride) {
                float v;
                if (gray) {
                    v = samples.at(p + bandOffsets[0]) / max[0];
                } else {
                    v = R * samples.at(p + bandOffsets[0]) / max[0] + G * samples.at(p + bandOffsets[1]) / max[1]
                            + B * samples.at(p + bandOffsets[2]) / max[2];
                }
                if (alpha) {
                    v *= samples.at(p + bandOffsets[bands - 1]) / max[bands - 1];
                }
                out[y * w + x] = Math.min(1f, v);
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

    @FunctionalInterface
    private interface Samples {
        int at(int index);
    }
}
