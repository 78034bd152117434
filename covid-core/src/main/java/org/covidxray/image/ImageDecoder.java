package org.covidxray.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.covidxray.image.ImageDecodeException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safe image decoding with ImageIO and the TwelveMonkeys JPEG plugin (which reads the CMYK, YCCK and
 * lossless JPEGs the JDK cannot).
 *
 * <ul>
 *   <li>The format is detected from the bytes, never from the file name. PNG and JPEG are the formats
 *       this library supports and tests; BMP, GIF and TIFF are accepted because ImageIO reads them
 *       with the same guards. DICOM Part 10 files are read by this library's own reader (see
 *       {@code DicomReader}: single-frame gray images, uncompressed, RLE or JPEG). Everything else
 *       (WBMP, whose loose signature matches random bytes, among others) is refused.</li>
 *   <li>The header is read first and images declaring more than the allowed pixel count are refused
 *       before any pixel buffer is allocated (decompression bombs).</li>
 *   <li>A truncated JPEG is refused: the JPEG decoder would otherwise return the image with its
 *       missing lower part filled with gray and only emit a warning. Other decoder warnings are
 *       logged and the image is accepted.</li>
 *   <li>Every failure becomes an {@link ImageDecodeException} whose message names the file.</li>
 * </ul>
 */
public final class ImageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

    private static final Set<String> ACCEPTED_FORMATS = Set.of("png", "jpeg", "jpg", "bmp", "gif", "tiff", "tif");

    static {
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    private ImageDecoder() {
    }

    /**
     * Decodes encoded bytes to an image.
     *
     * @param bytes the file content
     * @param name the file name or other label used in error messages
     * @param maxPixels images whose header declares more pixels are refused with
     *     {@link Reason#TOO_LARGE} before decoding
     * @throws ImageDecodeException if the bytes are empty, not a supported format, too large,
     *     truncated or corrupt
     */
    public static BufferedImage decode(byte[] bytes, String name, long maxPixels) {
        return read(bytes, name, maxPixels).image();
    }

    /**
     * Decodes encoded bytes to an image with its format and the source attributes its file carries
     * (a DICOM file's view position); see {@link #decode(byte[], String, long)} for the checks.
     */
    public static DecodedImage read(byte[] bytes, String name, long maxPixels) {
        if (bytes.length == 0) {
            throw new ImageDecodeException(Reason.CORRUPT, "Image " + name + " is empty (0 bytes).");
        }
        if (isDicom(bytes)) {
            try {
                return DicomReader.read(bytes, name, maxPixels);
            } catch (ImageDecodeException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ImageDecodeException(Reason.CORRUPT, "DICOM file " + name + " could not be decoded ("
                        + e.getMessage() + "). Re-export it from the archive or re-download it.", e);
            }
        }
        return decodeEncoded(bytes, name, maxPixels, null);
    }

    /**
     * Decodes a non-DICOM image with ImageIO.
     *
     * @param requiredFormat the only format accepted (e.g. {@code jpeg} for the pixel data of a DICOM
     *     file), or {@code null} for any of the accepted formats
     */
    static DecodedImage decodeEncoded(byte[] bytes, String name, long maxPixels, String requiredFormat) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = acceptedReader(in, name, bytes, requiredFormat);
            try {
                reader.setInput(in, true, true);
                checkSize(reader, name, maxPixels);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                checkWarnings(warnings, name);
                if (image == null) {
                    throw new ImageDecodeException(Reason.CORRUPT, "Image " + name + " could not be decoded.");
                }
                return new DecodedImage(image, formatName(reader), Map.of());
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(Reason.CORRUPT, "Image " + name + " is corrupt or truncated ("
                    + e.getMessage() + "). Re-export or re-download it.", e);
        }
    }

    /** The bytes of an image file; a file that cannot be read is an {@link ImageDecodeException} naming it. */
    public static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageDecodeException(ImageDecodeException.Reason.IO_ERROR,
                    "Could not read image " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes and converts to gray in [0, 1] (see {@link GrayImage#of(BufferedImage)}). */
    public static GrayImage decodeGray(byte[] bytes, String name, long maxPixels) {
        return GrayImage.of(decode(bytes, name, maxPixels));
    }

    private static ImageReader acceptedReader(ImageInputStream in, String name, byte[] bytes, String requiredFormat) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            String format = formatName(reader);
            if (requiredFormat == null ? ACCEPTED_FORMATS.contains(format) : requiredFormat.equals(format)) {
                return reader;
            }
            reader.dispose();
        }
        if (requiredFormat != null) {
            throw new ImageDecodeException(Reason.CORRUPT, "Image " + name + " is not a " + requiredFormat
                    + " stream (its content starts with " + describeStart(bytes) + ").");
        }
        throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "Image " + name
                + " is not a PNG, JPEG or DICOM image (its content starts with " + describeStart(bytes)
                + "). Convert it to PNG or JPEG.");
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        }
    }

    private static void checkSize(ImageReader reader, String name, long maxPixels) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(Reason.CORRUPT,
                    "Image " + name + " declares an invalid size " + width + "x" + height + ".");
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageDecodeException(Reason.TOO_LARGE, "Image " + name + " declares " + width + "x"
                    + height + " = " + pixels + " pixels, more than the limit of " + maxPixels
                    + ". Downscale it, or raise the limit (maxPixels) if it is genuine.");
        }
    }

    private static void checkWarnings(List<String> warnings, String name) {
        for (String warning : warnings) {
            if (isTruncation(warning)) {
                throw new ImageDecodeException(Reason.CORRUPT, "Image " + name
                        + " is truncated (decoder: " + String.join("; ", warnings)
                        + "). Re-export or re-download it.");
            }
        }
        for (String warning : warnings) {
            LOG.warn("Image {}: decoder warning '{}'; image accepted", name, warning);
        }
    }

    static boolean isTruncation(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("truncated") || w.contains("missing eoi") || w.contains("premature end");
    }

    /** DICOM part 10: a 128-byte preamble followed by "DICM". */
    static boolean isDicom(byte[] bytes) {
        return bytes.length >= 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C'
                && bytes[131] == 'M';
    }

    private static String describeStart(byte[] bytes) {
        int n = Math.min(8, bytes.length);
        StringBuilder hex = new StringBuilder();
        boolean printable = true;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            hex.append(String.format(Locale.ROOT, "%02X ", b));
            printable &= b >= 0x20 && b < 0x7f || b == '\n' || b == '\r' || b == '\t';
        }
        String text = printable ? ", which looks like text" : "";
        return "bytes " + hex.toString().trim() + text;
    }
}
