package org.covidxray.examples.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.covidxray.saliency.SaliencyOverlay;

/** Image files that are wrong on purpose: truncated, or declaring a gigantic size (decompression bomb). */
public final class CraftedImages {
    private CraftedImages() {
    }

    /** A valid gray PNG. */
    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x * 7 + y * 13) & 0xff);
            }
        }
        return SaliencyOverlay.png(image);
    }

    /** A PNG cut in the middle of its pixel data. */
    public static byte[] truncatedPng() {
        byte[] whole = png(64, 64);
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /**
     * A tiny PNG whose header declares {@code width x height} pixels: what a decompression bomb looks like
     * before it is decoded. The header CRC is recomputed so that decoders trust it.
     */
    public static byte[] pngDeclaring(int width, int height) {
        byte[] bytes = png(8, 8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        // signature (8) + IHDR length (4) + "IHDR" (4), then width and height
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 4 + 13);
        buffer.putInt(29, (int) crc.getValue());
        return bytes;
    }
}
