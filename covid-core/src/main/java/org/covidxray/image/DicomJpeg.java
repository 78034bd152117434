package org.covidxray.image;

import org.covidxray.image.ImageDecodeException.Reason;

/**
 * Looks at the frame header of a JPEG stream held in DICOM pixel data before decoding it, to refuse
 * clearly what the decoders on the class path cannot read: lossy JPEG with 12-bit samples (the JDK's
 * decoder, which TwelveMonkeys delegates lossy JPEG to, reads 8 bits only), and hierarchical or
 * arithmetic-coded JPEG.
 */
final class DicomJpeg {
    private DicomJpeg() {
    }

    static void checkDecodable(byte[] jpeg, String name) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            throw DicomInput.corrupt(name, "its JPEG transfer syntax's pixel data does not start with a JPEG "
                    + "start-of-image marker");
        }
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xff) != 0xFF) {
                return; // not at a marker: leave the diagnosis to the decoder
            }
            int marker = jpeg[p + 1] & 0xff;
            if (marker == 0xFF) {
                p++;
                continue;
            }
            int length = (jpeg[p + 2] & 0xff) << 8 | (jpeg[p + 3] & 0xff);
            if (isFrameHeader(marker)) {
                int precision = p + 4 < jpeg.length ? jpeg[p + 4] & 0xff : 0;
                refuseUnreadable(marker, precision, name);
                return;
            }
            p += 2 + length;
        }
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static void refuseUnreadable(int marker, int precision, String name) {
        String advice = " Convert it to JPEG lossless or uncompressed explicit VR little endian (e.g. with "
                + "DCMTK: dcmdjpeg in.dcm out.dcm), or to a 16-bit PNG.";
        boolean lossy = marker == 0xC0 || marker == 0xC1 || marker == 0xC2;
        if (lossy && precision > 8) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "DICOM file " + name + " holds a lossy JPEG "
                    + "with " + precision + "-bit samples, which the JPEG decoders on the class path cannot read."
                    + advice);
        }
        if (marker > 0xC3) {
            throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "DICOM file " + name + " holds a "
                    + "hierarchical or arithmetic-coded JPEG (marker FF" + Integer.toHexString(marker).toUpperCase(
                    java.util.Locale.ROOT) + "), which the JPEG decoders on the class path cannot read." + advice);
        }
    }
}
