package org.covidxray.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Builds small encoded images in memory whose pixel values the tests know exactly. */
final class TestImages {
    private TestImages() {
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An 8-bit gray image with the given row-major values. */
    static BufferedImage gray8(int width, int height, int... values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, width, height, values);
        return image;
    }

    /** A 16-bit gray image with the given row-major values. */
    static BufferedImage gray16(int width, int height, int... values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setPixels(0, 0, width, height, values);
        return image;
    }

    /** An 8-bit gray + alpha image; {@code grayAlpha} holds (gray, alpha) pairs. */
    static BufferedImage grayAlpha(int width, int height, int... grayAlpha) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        raster.setPixels(0, 0, width, height, grayAlpha);
        return new BufferedImage(cm, raster, false, null);
    }

    /** A 1 x n palette image: pixel i uses palette entry i. */
    static BufferedImage palette(byte[] r, byte[] g, byte[] b, byte[] a) {
        IndexColorModel cm = new IndexColorModel(8, r.length, r, g, b, a);
        BufferedImage image = new BufferedImage(r.length, 1, BufferedImage.TYPE_BYTE_INDEXED, cm);
        for (int i = 0; i < r.length; i++) {
            image.getRaster().setSample(i, 0, 0, i);
        }
        return image;
    }

    /** A uniform RGB image. */
    static BufferedImage rgb(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /**
     * An Adobe CMYK JPEG (APP14 with transform 0, inverted values as Photoshop writes them): the left
     * half has no ink (white), the right half full black ink.
     */
    static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {255, 255, 255, x < width / 2 ? 255 : 0});
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] plain = out.toByteArray();
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] result = new byte[plain.length + app14.length];
        System.arraycopy(plain, 0, result, 0, 2);
        System.arraycopy(app14, 0, result, 2, app14.length);
        System.arraycopy(plain, 2, result, 2 + app14.length, plain.length - 2);
        return result;
    }

    /** A PNG signature and a valid IHDR chunk (correct CRC) declaring the given size, with no image data. */
    static byte[] pngHeaderOnly(int width, int height) {
        try {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            DataOutputStream c = new DataOutputStream(chunk);
            c.writeBytes("IHDR");
            c.writeInt(width);
            c.writeInt(height);
            c.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit gray, deflate, adaptive filter, no interlace
            byte[] body = chunk.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(body);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(png);
            d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            d.writeInt(13);
            d.write(body);
            d.writeInt((int) crc.getValue());
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
