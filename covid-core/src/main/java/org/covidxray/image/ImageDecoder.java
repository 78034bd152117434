package org.covidxray.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Safe image decoding with ImageIO and the TwelveMonkeys plugins found on the class path: the format
 * is detected from the bytes (not the file name), the header is read first and images declaring more
 * than the allowed pixel count are refused before any pixel is decoded (decompression bombs), and
 * every failure becomes an {@link ImageDecodeException} that names the file.
 */
public final class ImageDecoder {

    static {
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    private ImageDecoder() {
    }

    /** Decodes encoded bytes to an image; {@code name} is used in messages. */
    public static BufferedImage decode(byte[] bytes, String name, long maxPixels) {
        if (bytes.length == 0) {
            throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                    "Image " + name + " is empty (0 bytes).");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                        "Image " + name + " is not in a supported format (JPEG, PNG, BMP, GIF)" + hint(bytes)
                                + ". Convert it to PNG or JPEG.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                            "Image " + name + " declares an invalid size " + width + "x" + height + ".");
                }
                long pixels = (long) width * height;
                if (pixels > maxPixels) {
                    throw new ImageDecodeException(ImageDecodeException.Reason.TOO_LARGE,
                            "Image " + name + " declares " + width + "x" + height + " = " + pixels
                                    + " pixels, more than the limit of " + maxPixels
                                    + ". Downscale it, or raise the limit (maxPixels) if it is genuine.");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                            "Image " + name + " could not be decoded.");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                    "Image " + name + " is corrupt or truncated: " + e.getMessage(), e);
        }
    }

    /** Decodes and converts to gray in [0, 1]. */
    public static GrayImage decodeGray(byte[] bytes, String name, long maxPixels) {
        return GrayImage.of(decode(bytes, name, maxPixels));
    }

    private static String hint(byte[] bytes) {
        if (bytes.length > 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M') {
            return " (it is a DICOM file; export it to PNG with a DICOM viewer or pydicom)";
        }
        return "";
    }
}
