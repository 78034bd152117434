package org.covidxray.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.covidxray.image.DicomParser.Fragment;
import org.covidxray.image.DicomParser.Parsed;
import org.covidxray.image.ImageDecodeException.Reason;

/**
 * Decodes a single-frame gray DICOM Part 10 image: explicit or implicit VR little endian with native
 * 8- or 16-bit pixels (signed or not, masked to Bits Stored), RLE lossless, and JPEG baseline,
 * extended (8-bit) and lossless through ImageIO (the TwelveMonkeys plugin reads lossless JPEG). The
 * stored values go through {@link DicomGrayscale} to 16-bit gray.
 *
 * <p>Refused with {@link Reason#UNSUPPORTED_FORMAT} and what to convert to: JPEG 2000, JPEG-LS, big
 * endian, deflate, multi-frame, colour, 12-bit lossy JPEG, floating-point and 1- or 32-bit pixels.
 * The image size is checked against the pixel limit from the header, before pixels are allocated.
 */
final class DicomReader {
    private static final int HEADER_PREFIX = 64 * 1024;
    /** The largest pixel count a Java array holds, whatever limit the caller sets. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private DicomReader() {
    }

    static DecodedImage read(byte[] bytes, String name, long maxPixels) {
        Parsed parsed = DicomParser.parse(bytes, name, true);
        DicomHeader h = parsed.header();
        checkDecodable(h, parsed.syntax(), name, maxPixels);
        int pixels = h.rows() * h.columns();
        int[] stored = switch (parsed.syntax().encoding()) {
            case NATIVE -> nativeValues(bytes, parsed, h, name);
            case RLE -> {
                byte[] frame = frame(bytes, parsed.fragments());
                yield DicomRle.decode(frame, 0, frame.length, pixels, h.bitsAllocated() / 8, name);
            }
            case JPEG -> jpegValues(bytes, parsed, h, name, maxPixels);
        };
        toStoredValues(stored, h, parsed.syntax().encoding() == DicomTransferSyntax.Encoding.JPEG);
        short[] gray = DicomGrayscale.toGray16(stored, h);
        BufferedImage image = new BufferedImage(h.columns(), h.rows(), BufferedImage.TYPE_USHORT_GRAY);
        short[] target = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(gray, 0, target, 0, gray.length);
        Map<String, String> attributes = h.view().map(v -> Map.of(DecodedImage.VIEW, v)).orElse(Map.of());
        return new DecodedImage(image, "dicom", attributes);
    }

    /**
     * The header of a DICOM file, reading only as much of the file as the header needs (the first
     * 64 KiB, or the whole file when its header is longer).
     */
    static DicomHeader readHeader(Path file) throws IOException {
        byte[] prefix;
        try (InputStream in = Files.newInputStream(file)) {
            prefix = in.readNBytes(HEADER_PREFIX);
        }
        try {
            return DicomParser.parse(prefix, file.toString(), false).header();
        } catch (ImageDecodeException e) {
            if (e.reason() != Reason.CORRUPT || prefix.length < HEADER_PREFIX) {
                throw e;
            }
            return DicomParser.parse(Files.readAllBytes(file), file.toString(), false).header();
        }
    }

    /**
     * Reads a file's header and refuses what {@link #read} would refuse from the header alone (any
     * size is accepted: the pixel limit belongs to whoever decodes).
     */
    static DicomHeader checkHeader(Path file) throws IOException {
        DicomHeader header = readHeader(file);
        DicomTransferSyntax syntax = DicomTransferSyntax.of(header.transferSyntaxUid()).orElseThrow();
        checkDecodable(header, syntax, file.toString(), Long.MAX_VALUE);
        return header;
    }

    private static void checkDecodable(DicomHeader h, DicomTransferSyntax syntax, String name, long maxPixels) {
        String file = "DICOM file " + name;
        if (h.frames() > 1) {
            throw unsupported(file + " holds " + h.frames() + " frames; this reader decodes single-frame images. "
                    + "Export the frame to classify as its own file (e.g. with DCMTK: "
                    + "dcm2pnm --frame N --write-16-bit-png in.dcm out.png).");
        }
        String photometric = h.photometric();
        if (h.samplesPerPixel() != 1 || !(photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))) {
            throw unsupported(file + " is a colour image (photometric interpretation " + photometric + ", "
                    + h.samplesPerPixel() + " samples per pixel); chest radiographs are gray. Export it as "
                    + "MONOCHROME2 or convert it to a gray PNG.");
        }
        if (h.rows() <= 0 || h.columns() <= 0) {
            throw DicomInput.corrupt(name, "its header declares an image of " + h.columns() + "x" + h.rows()
                    + " pixels (Columns x Rows)");
        }
        long pixels = (long) h.rows() * h.columns();
        long limit = Math.min(maxPixels, MAX_ARRAY);
        if (pixels > limit) {
            throw new ImageDecodeException(Reason.TOO_LARGE, "Image " + name + " declares " + h.columns() + "x"
                    + h.rows() + " = " + pixels + " pixels, more than the limit of " + limit
                    + ". Downscale it, or raise the limit (maxPixels) if it is genuine.");
        }
        if (h.bitsAllocated() != 8 && h.bitsAllocated() != 16) {
            throw unsupported(file + " stores " + h.bitsAllocated() + " bits per pixel; this reader decodes 8 "
                    + "and 16. Convert it to 16-bit MONOCHROME2 or a 16-bit PNG.");
        }
        if (h.bitsStored() < 1 || h.bitsStored() > h.bitsAllocated() || h.highBit() < h.bitsStored() - 1
                || h.highBit() >= h.bitsAllocated()) {
            throw DicomInput.corrupt(name, "its bit layout is inconsistent (Bits Allocated " + h.bitsAllocated()
                    + ", Bits Stored " + h.bitsStored() + ", High Bit " + h.highBit() + ")");
        }
        if (syntax.encoding() == DicomTransferSyntax.Encoding.JPEG && h.bitsAllocated() == 8 && h.bitsStored() > 8) {
            throw DicomInput.corrupt(name, "it stores " + h.bitsStored() + " bits in 8-bit samples");
        }
    }

    private static int[] nativeValues(byte[] bytes, Parsed parsed, DicomHeader h, String name) {
        int pixels = h.rows() * h.columns();
        int bytesPerSample = h.bitsAllocated() / 8;
        long needed = (long) pixels * bytesPerSample;
        if (parsed.pixelLength() < needed) {
            throw DicomInput.corrupt(name, "its pixel data has " + parsed.pixelLength() + " bytes; "
                    + h.columns() + "x" + h.rows() + " pixels of " + h.bitsAllocated() + " bits need " + needed);
        }
        int[] raw = new int[pixels];
        int p = parsed.pixelOffset();
        if (bytesPerSample == 1) {
            for (int i = 0; i < pixels; i++) {
                raw[i] = bytes[p + i] & 0xff;
            }
        } else {
            for (int i = 0; i < pixels; i++, p += 2) {
                raw[i] = (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8;
            }
        }
        return raw;
    }

    /** The fragments of the single frame, joined (a frame may span several fragments). */
    private static byte[] frame(byte[] bytes, List<Fragment> fragments) {
        if (fragments.size() == 1) {
            Fragment f = fragments.get(0);
            byte[] out = new byte[f.length()];
            System.arraycopy(bytes, f.offset(), out, 0, f.length());
            return out;
        }
        int total = 0;
        for (Fragment f : fragments) {
            total += f.length();
        }
        byte[] out = new byte[total];
        int o = 0;
        for (Fragment f : fragments) {
            System.arraycopy(bytes, f.offset(), out, o, f.length());
            o += f.length();
        }
        return out;
    }

    private static int[] jpegValues(byte[] bytes, Parsed parsed, DicomHeader h, String name, long maxPixels) {
        byte[] jpeg = frame(bytes, parsed.fragments());
        String label = name + " (its JPEG pixel data)";
        DicomJpeg.checkDecodable(jpeg, name);
        BufferedImage image = ImageDecoder.decodeEncoded(jpeg, label, maxPixels, "jpeg").image();
        if (image.getWidth() != h.columns() || image.getHeight() != h.rows()) {
            throw DicomInput.corrupt(name, "its JPEG pixel data is " + image.getWidth() + "x" + image.getHeight()
                    + " pixels but its header declares " + h.columns() + "x" + h.rows());
        }
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1) {
            throw unsupported("DICOM file " + name + " holds a colour JPEG (" + raster.getNumBands()
                    + " components) although its header says " + h.photometric() + "; chest radiographs are gray. "
                    + "Export it as MONOCHROME2 or convert it to a gray PNG.");
        }
        return raster.getSamples(0, 0, h.columns(), h.rows(), 0, new int[h.rows() * h.columns()]);
    }

    /**
     * Turns raw container values into stored values in place: shifts the value down to bit 0 (native and
     * RLE containers put its top at High Bit; a JPEG decoder already returns it there), masks it to Bits
     * Stored and sign-extends it when the pixel representation is signed.
     */
    private static void toStoredValues(int[] raw, DicomHeader h, boolean alreadyAligned) {
        int bits = h.bitsStored();
        int shift = alreadyAligned ? 0 : h.highBit() + 1 - bits;
        int mask = (1 << bits) - 1;
        int sign = 1 << (bits - 1);
        boolean signed = h.signed();
        for (int i = 0; i < raw.length; i++) {
            int v = (raw[i] >>> shift) & mask;
            raw[i] = signed && (v & sign) != 0 ? v - (1 << bits) : v;
        }
    }

    private static ImageDecodeException unsupported(String message) {
        return new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, message);
    }
}
