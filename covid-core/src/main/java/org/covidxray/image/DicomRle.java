package org.covidxray.image;

/**
 * The DICOM RLE lossless decoder of PS3.5 annex G: a 64-byte header (the number of segments and up
 * to 15 segment offsets) followed by one PackBits-coded segment per byte plane, most significant
 * plane first. Written here because no library on the class path reads it (ImageIO has no RLE
 * reader and TwelveMonkeys' PackBits decoder is an internal class of its TIFF plugin).
 */
final class DicomRle {
    private static final int HEADER = 64;
    private static final int MAX_SEGMENTS = 15;

    private DicomRle() {
    }

    /**
     * Decodes one frame of {@code pixels} samples of {@code bytesPerSample} bytes each into the raw
     * sample values (unsigned, not yet masked).
     *
     * @throws ImageDecodeException {@code CORRUPT} when the header or a segment is inconsistent
     */
    static int[] decode(byte[] data, int offset, int length, int pixels, int bytesPerSample, String name) {
        if (length < HEADER) {
            throw corrupt(name, "its RLE frame has " + length + " bytes, less than the 64-byte RLE header");
        }
        long segments = u32(data, offset);
        if (segments != bytesPerSample) {
            throw corrupt(name, "its RLE header declares " + segments + " segments; a gray image of "
                    + 8 * bytesPerSample + "-bit samples has " + bytesPerSample);
        }
        long[] starts = new long[MAX_SEGMENTS + 1];
        for (int i = 0; i < segments; i++) {
            starts[i] = u32(data, offset + 4 + 4 * i);
        }
        // a two-byte repeat run yields at most 128 bytes: refuse before allocating what the data cannot fill
        if ((long) pixels * segments > (long) (length - HEADER) * 64) {
            throw corrupt(name, "its " + length + "-byte RLE frame cannot hold " + pixels + " pixels");
        }
        int[] out = new int[pixels];
        for (int s = 0; s < segments; s++) {
            long start = starts[s];
            long end = s + 1 < segments ? starts[s + 1] : length;
            if (start < HEADER || end > length || start >= end) {
                throw corrupt(name, "its RLE segment " + (s + 1) + " lies at bytes " + start + "-" + end
                        + " of a " + length + "-byte frame");
            }
            int shift = 8 * (bytesPerSample - 1 - s);
            decodeSegment(data, offset + (int) start, offset + (int) end, out, shift, name, s + 1);
        }
        return out;
    }

    /** PackBits: n in 0..127 copies the next n + 1 bytes, n in -127..-1 repeats the next byte 1 - n times. */
    private static void decodeSegment(byte[] data, int from, int to, int[] out, int shift, String name, int segment) {
        int p = from;
        int o = 0;
        while (o < out.length) {
            if (p >= to) {
                throw corrupt(name, "its RLE segment " + segment + " decodes to " + o + " bytes instead of "
                        + out.length);
            }
            int n = data[p++];
            if (n >= 0) {
                int count = n + 1;
                if (p + count > to || o + count > out.length) {
                    throw corrupt(name, "a literal run of its RLE segment " + segment + " overruns the segment");
                }
                for (int i = 0; i < count; i++) {
                    out[o++] |= (data[p++] & 0xff) << shift;
                }
            } else if (n != -128) {
                int count = 1 - n;
                if (p >= to || o + count > out.length) {
                    throw corrupt(name, "a repeat run of its RLE segment " + segment + " overruns the segment");
                }
                int v = (data[p++] & 0xff) << shift;
                for (int i = 0; i < count; i++) {
                    out[o++] |= v;
                }
            }
        }
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
    }

    private static ImageDecodeException corrupt(String name, String problem) {
        return DicomInput.corrupt(name, problem);
    }
}
