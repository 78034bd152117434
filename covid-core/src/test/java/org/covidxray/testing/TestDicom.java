package org.covidxray.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small DICOM Part 10 files in memory for the reader's tests: the file meta group, a data set
 * in explicit or implicit VR little endian with patient tags (which the reader must never return), an
 * undefined-length sequence holding decoy Rows and Columns, and native, RLE or JPEG pixel data.
 */
public final class TestDicom {
    public static final String PATIENT_NAME = "DOE^JANE";
    public static final String PATIENT_ID = "PID-7734-SECRET";
    public static final String BIRTH_DATE = "19230417";

    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    public static final String RLE = "1.2.840.10008.1.2.5";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";

    private final int columns;
    private final int rows;
    private String transferSyntax = EXPLICIT_LE;
    private int bitsAllocated = 16;
    private int bitsStored = 16;
    private int highBit = 15;
    private boolean signed;
    private String photometric = "MONOCHROME2";
    private int samplesPerPixel = 1;
    private Integer frames;
    private String windowCenter;
    private String windowWidth;
    private String voiFunction;
    private String slope;
    private String intercept;
    private String view;
    private int[] raw;
    private byte[] encapsulated;

    private TestDicom(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static TestDicom image(int columns, int rows) {
        return new TestDicom(columns, rows);
    }

    public TestDicom syntax(String uid) {
        transferSyntax = uid;
        return this;
    }

    public TestDicom bits(int allocated, int stored, int high) {
        bitsAllocated = allocated;
        bitsStored = stored;
        highBit = high;
        return this;
    }

    public TestDicom signed() {
        signed = true;
        return this;
    }

    public TestDicom photometric(String value, int samples) {
        photometric = value;
        samplesPerPixel = samples;
        return this;
    }

    public TestDicom frames(int n) {
        frames = n;
        return this;
    }

    public TestDicom window(String center, String width) {
        windowCenter = center;
        windowWidth = width;
        return this;
    }

    public TestDicom voiFunction(String function) {
        voiFunction = function;
        return this;
    }

    public TestDicom rescale(String rescaleSlope, String rescaleIntercept) {
        slope = rescaleSlope;
        intercept = rescaleIntercept;
        return this;
    }

    public TestDicom view(String value) {
        view = value;
        return this;
    }

    /** Raw container values (already shifted and with any high bits the test wants), row-major. */
    public TestDicom pixels(int... values) {
        raw = values.clone();
        return this;
    }

    /** Encapsulated pixel data: one frame, given as a single fragment (JPEG or RLE bytes). */
    public TestDicom encapsulated(String uid, byte[] frame) {
        transferSyntax = uid;
        encapsulated = frame.clone();
        return this;
    }

    /** The pixels as RLE lossless (PS3.5 annex G). */
    public TestDicom rle() {
        return encapsulated(RLE, rleFrame(raw, bitsAllocated / 8));
    }

    public byte[] build() {
        boolean explicit = !transferSyntax.equals(IMPLICIT_LE);
        Out meta = new Out(true);
        meta.element(0x0002, 0x0001, "OB", new byte[] {0, 1});
        meta.element(0x0002, 0x0002, "UI", uid("1.2.840.10008.5.1.4.1.1.1"));
        meta.element(0x0002, 0x0003, "UI", uid("1.2.3.4.5.6.7"));
        meta.element(0x0002, 0x0010, "UI", uid(transferSyntax));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        Out group = new Out(true);
        group.element(0x0002, 0x0000, "UL", le32(meta.size()));
        file.writeBytes(group.bytes());
        file.writeBytes(meta.bytes());

        Out data = new Out(explicit);
        data.element(0x0008, 0x0060, "CS", text("DX"));
        data.element(0x0010, 0x0010, "PN", text(PATIENT_NAME));
        data.element(0x0010, 0x0020, "LO", text(PATIENT_ID));
        data.element(0x0010, 0x0030, "DA", text(BIRTH_DATE));
        data.decoySequence();
        if (view != null) {
            data.element(0x0018, 0x5101, "CS", text(view));
        }
        data.element(0x0028, 0x0002, "US", le16(samplesPerPixel));
        data.element(0x0028, 0x0004, "CS", text(photometric));
        if (frames != null) {
            data.element(0x0028, 0x0008, "IS", text(Integer.toString(frames)));
        }
        data.element(0x0028, 0x0010, "US", le16(rows));
        data.element(0x0028, 0x0011, "US", le16(columns));
        data.element(0x0028, 0x0100, "US", le16(bitsAllocated));
        data.element(0x0028, 0x0101, "US", le16(bitsStored));
        data.element(0x0028, 0x0102, "US", le16(highBit));
        data.element(0x0028, 0x0103, "US", le16(signed ? 1 : 0));
        if (windowCenter != null) {
            data.element(0x0028, 0x1050, "DS", text(windowCenter));
            data.element(0x0028, 0x1051, "DS", text(windowWidth));
        }
        if (intercept != null) {
            data.element(0x0028, 0x1052, "DS", text(intercept));
            data.element(0x0028, 0x1053, "DS", text(slope));
        }
        if (voiFunction != null) {
            data.element(0x0028, 0x1056, "CS", text(voiFunction));
        }
        if (encapsulated == null) {
            data.element(0x7FE0, 0x0010, bitsAllocated == 8 ? "OB" : "OW", nativePixels());
        } else {
            data.encapsulated(encapsulated);
        }
        file.writeBytes(data.bytes());
        return file.toByteArray();
    }

    private byte[] nativePixels() {
        int bytes = bitsAllocated / 8;
        byte[] out = new byte[raw.length * bytes + (raw.length * bytes) % 2];
        for (int i = 0; i < raw.length; i++) {
            out[i * bytes] = (byte) raw[i];
            if (bytes == 2) {
                out[i * 2 + 1] = (byte) (raw[i] >> 8);
            }
        }
        return out;
    }

    /** An RLE frame: the 64-byte header, then one PackBits segment per byte plane, most significant first. */
    public static byte[] rleFrame(int[] values, int bytesPerSample) {
        List<byte[]> segments = new ArrayList<>();
        for (int s = 0; s < bytesPerSample; s++) {
            int shift = 8 * (bytesPerSample - 1 - s);
            byte[] plane = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                plane[i] = (byte) (values[i] >> shift);
            }
            segments.add(packBits(plane));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le32(segments.size()));
        int offset = 64;
        for (int i = 0; i < 15; i++) {
            out.writeBytes(le32(i < segments.size() ? offset : 0));
            if (i < segments.size()) {
                offset += segments.get(i).length;
            }
        }
        segments.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** PackBits with runs of three or more equal bytes repeated and the rest as literals; padded to even. */
    static byte[] packBits(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int run = 1;
            while (i + run < in.length && run < 128 && in[i + run] == in[i]) {
                run++;
            }
            if (run >= 3) {
                out.write(1 - run);
                out.write(in[i]);
                i += run;
                continue;
            }
            int start = i;
            while (i < in.length && i - start < 128
                    && !(i + 2 < in.length && in[i] == in[i + 1] && in[i] == in[i + 2])) {
                i++;
            }
            out.write(i - start - 1);
            out.write(in, start, i - start);
        }
        if (out.size() % 2 != 0) {
            out.write(-128);
        }
        return out.toByteArray();
    }

    static byte[] text(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length % 2 == 0) {
            return b;
        }
        byte[] padded = new byte[b.length + 1];
        System.arraycopy(b, 0, padded, 0, b.length);
        padded[b.length] = ' ';
        return padded;
    }

    private static byte[] uid(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[b.length + b.length % 2];
        System.arraycopy(b, 0, padded, 0, b.length);
        return padded;
    }

    static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** Elements in one VR encoding. */
    private static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final boolean explicit;

        Out(boolean explicit) {
            this.explicit = explicit;
        }

        void element(int group, int element, String vr, byte[] value) {
            header(group, element, vr, value.length);
            out.writeBytes(value);
        }

        private void header(int group, int element, String vr, long length) {
            out.writeBytes(le16(group));
            out.writeBytes(le16(element));
            if (!explicit) {
                out.writeBytes(le32((int) length));
                return;
            }
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (List.of("OB", "OW", "SQ", "UN", "UT").contains(vr)) {
                out.writeBytes(new byte[2]);
                out.writeBytes(le32((int) length));
            } else {
                out.writeBytes(le16((int) length));
            }
        }

        /** A Referenced Image Sequence of undefined length whose item holds Rows 9999 and Columns 1. */
        void decoySequence() {
            header(0x0008, 0x1140, "SQ", 0xFFFFFFFFL);
            out.writeBytes(le16(0xFFFE));
            out.writeBytes(le16(0xE000));
            out.writeBytes(le32(-1));
            element(0x0028, 0x0010, "US", le16(9999));
            element(0x0028, 0x0011, "US", le16(1));
            out.writeBytes(le16(0xFFFE));
            out.writeBytes(le16(0xE00D));
            out.writeBytes(le32(0));
            out.writeBytes(le16(0xFFFE));
            out.writeBytes(le16(0xE0DD));
            out.writeBytes(le32(0));
        }

        void encapsulated(byte[] frame) {
            header(0x7FE0, 0x0010, "OB", 0xFFFFFFFFL);
            item(new byte[0]);
            item(frame.length % 2 == 0 ? frame : java.util.Arrays.copyOf(frame, frame.length + 1));
            out.writeBytes(le16(0xFFFE));
            out.writeBytes(le16(0xE0DD));
            out.writeBytes(le32(0));
        }

        private void item(byte[] value) {
            out.writeBytes(le16(0xFFFE));
            out.writeBytes(le16(0xE000));
            out.writeBytes(le32(value.length));
            out.writeBytes(value);
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
