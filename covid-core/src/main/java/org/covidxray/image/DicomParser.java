package org.covidxray.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.covidxray.image.ImageDecodeException.Reason;

/**
 * Reads the header of a DICOM Part 10 file (PS3.10 section 7, PS3.5 section 7) up to its pixel data:
 * the file meta group in explicit VR little endian, then the data set in the transfer syntax it names.
 * Only the top-level attributes {@link DicomHeader} lists are kept; every other element, sequences
 * included (so an icon image's rows or pixels are never mistaken for the image's), is skipped by its
 * length. Lengths are checked against what is left of the file before anything is read or allocated.
 */
final class DicomParser {
    /** The pixel data element: where it starts and how long it is. */
    record Parsed(DicomHeader header, DicomTransferSyntax syntax, int pixelOffset, int pixelLength,
                  List<Fragment> fragments) {
        boolean encapsulated() {
            return fragments != null;
        }
    }

    /** One item of encapsulated pixel data (after the basic offset table). */
    record Fragment(int offset, int length) {
    }

    static final int PREAMBLE = 132;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_NESTING = 32;
    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC",
            "UN", "UR", "UT", "UV");

    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final int VIEW_POSITION = 0x00185101;
    private static final int SAMPLES_PER_PIXEL = 0x00280002;
    private static final int PHOTOMETRIC = 0x00280004;
    private static final int FRAMES = 0x00280008;
    private static final int ROWS = 0x00280010;
    private static final int COLUMNS = 0x00280011;
    private static final int BITS_ALLOCATED = 0x00280100;
    private static final int BITS_STORED = 0x00280101;
    private static final int HIGH_BIT = 0x00280102;
    private static final int PIXEL_REPRESENTATION = 0x00280103;
    private static final int WINDOW_CENTER = 0x00281050;
    private static final int WINDOW_WIDTH = 0x00281051;
    private static final int RESCALE_INTERCEPT = 0x00281052;
    private static final int RESCALE_SLOPE = 0x00281053;
    private static final int VOI_LUT_FUNCTION = 0x00281056;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;

    private final DicomInput in;
    private boolean explicitVr = true;
    private String transferSyntax;
    private int samplesPerPixel = 1;
    private String photometric = "MONOCHROME2";
    private int frames = 1;
    private int rows = -1;
    private int columns = -1;
    private int bitsAllocated = -1;
    private int bitsStored = -1;
    private int highBit = -1;
    private int pixelRepresentation;
    private double windowCenter = Double.NaN;
    private double windowWidth = Double.NaN;
    private double rescaleIntercept;
    private double rescaleSlope = 1;
    private String voiLutFunction = "LINEAR";
    private String viewPosition = "";

    private DicomParser(byte[] bytes, String name) {
        this.in = new DicomInput(bytes, name, PREAMBLE);
    }

    /**
     * Parses the header and locates the pixel data.
     *
     * @param withPixels whether to locate the pixel data (and refuse a file without it); a header-only
     *     read stops at the pixel data element
     * @throws ImageDecodeException {@code CORRUPT} when lengths are inconsistent or the file ends early,
     *     {@code UNSUPPORTED_FORMAT} for transfer syntaxes this reader does not decode
     */
    static Parsed parse(byte[] bytes, String name, boolean withPixels) {
        if (!ImageDecoder.isDicom(bytes)) {
            throw DicomInput.corrupt(name, "it has no DICM marker after the 128-byte preamble");
        }
        return new DicomParser(bytes, name).run(withPixels);
    }

    private Parsed run(boolean withPixels) {
        readMetaGroup();
        if (transferSyntax == null) {
            throw in.corrupt("its file meta information has no transfer syntax (0002,0010)");
        }
        DicomTransferSyntax syntax = DicomTransferSyntax.of(transferSyntax).orElseThrow(() ->
                new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "DICOM file " + in.name() + " cannot be read: "
                        + DicomTransferSyntax.refusal(transferSyntax)));
        explicitVr = syntax.explicitVr();
        while (in.remaining() > 0) {
            int tag = readTag();
            String vr = readVr(tag);
            long length = readLength(vr, tag);
            if (tag == PIXEL_DATA) {
                DicomHeader header = header();
                if (!withPixels) {
                    return new Parsed(header, syntax, -1, -1, null);
                }
                return pixels(header, syntax, length);
            }
            if (tag == 0x7FE00008 || tag == 0x7FE00009) {
                throw new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "DICOM file " + in.name()
                        + " stores floating-point pixels, which this reader does not decode. Export it with "
                        + "integer pixels (16-bit MONOCHROME2) or as a 16-bit PNG.");
            }
            if ((tag >>> 16) == 0xFFFE) {
                throw in.corrupt("an item or delimiter appears outside a sequence at byte " + (in.position() - 8));
            }
            element(tag, vr, length);
        }
        throw in.corrupt("it has no pixel data (7FE0,0010); it may be a report or a truncated file");
    }

    private void readMetaGroup() {
        while (in.remaining() >= 2 && peekGroup() == 0x0002) {
            int tag = readTag();
            String vr = in.vr();
            long length = LONG_LENGTH_VRS.contains(vr) ? longLength() : in.u16();
            if (tag == TRANSFER_SYNTAX) {
                transferSyntax = DicomInput.shown(in.text(length), DicomInput.UID);
            } else {
                skipValue(vr, length, 0);
            }
        }
    }

    private int peekGroup() {
        byte[] b = in.bytes();
        int p = in.position();
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    private int readTag() {
        int group = in.u16();
        int element = in.u16();
        return tag(group, element);
    }

    /** The explicit VR, or {@code null} in implicit VR and for items and delimiters (which have none). */
    private String readVr(int tag) {
        return explicitVr && (tag >>> 16) != 0xFFFE ? in.vr() : null;
    }

    private long readLength(String vr, int tag) {
        if (vr == null) {
            return in.u32();
        }
        return LONG_LENGTH_VRS.contains(vr) ? longLength() : in.u16();
    }

    private long longLength() {
        in.skip(2, "the reserved bytes of an element header");
        return in.u32();
    }

    private void element(int tag, String vr, long length) {
        if (length == UNDEFINED) {
            skipValue(vr, length, 0);
            return;
        }
        switch (tag) {
            case VIEW_POSITION -> viewPosition = in.text(length);
            case PHOTOMETRIC -> photometric = codeString(length);
            case VOI_LUT_FUNCTION -> voiLutFunction = codeString(length);
            case SAMPLES_PER_PIXEL -> samplesPerPixel = unsignedShort(length, "Samples per Pixel (0028,0002)");
            case ROWS -> rows = unsignedShort(length, "Rows (0028,0010)");
            case COLUMNS -> columns = unsignedShort(length, "Columns (0028,0011)");
            case BITS_ALLOCATED -> bitsAllocated = unsignedShort(length, "Bits Allocated (0028,0100)");
            case BITS_STORED -> bitsStored = unsignedShort(length, "Bits Stored (0028,0101)");
            case HIGH_BIT -> highBit = unsignedShort(length, "High Bit (0028,0102)");
            case PIXEL_REPRESENTATION -> pixelRepresentation = unsignedShort(length, "Pixel Representation (0028,0103)");
            case FRAMES -> frames = (int) Math.min(Integer.MAX_VALUE, number(length, "Number of Frames (0028,0008)"));
            case WINDOW_CENTER -> windowCenter = number(length, "Window Center (0028,1050)");
            case WINDOW_WIDTH -> windowWidth = number(length, "Window Width (0028,1051)");
            case RESCALE_INTERCEPT -> rescaleIntercept = number(length, "Rescale Intercept (0028,1052)");
            case RESCALE_SLOPE -> rescaleSlope = number(length, "Rescale Slope (0028,1053)");
            default -> skipValue(vr, length, 0);
        }
    }

    private int unsignedShort(long length, String what) {
        if (length < 2) {
            throw in.corrupt(what + " has " + length + " bytes instead of 2");
        }
        int start = in.position();
        in.checkedLength(length, what);
        int value = in.u16();
        in.skip(length - (in.position() - start), what);
        return value;
    }

    /** The first value of a decimal (DS) or integer (IS) string. */
    private double number(long length, String what) {
        String text = in.text(length);
        int backslash = text.indexOf('\\');
        String first = (backslash >= 0 ? text.substring(0, backslash) : text).trim();
        try {
            double v = Double.parseDouble(first);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the attribute's name
        }
        throw in.corrupt(what + " is not a number ('" + DicomInput.shown(first, DicomInput.NUMBER) + "')");
    }

    /** A code string; one with characters a code string cannot have becomes "(malformed)". */
    private String codeString(long length) {
        return DicomInput.shown(in.text(length), DicomInput.CODE_STRING);
    }

    /** Skips a value; an undefined length is a sequence (or a UN sequence, whose items are implicit VR). */
    private void skipValue(String vr, long length, int depth) {
        if (length != UNDEFINED) {
            in.skip(length, "an element");
            return;
        }
        if (vr != null && !vr.equals("SQ") && !vr.equals("UN")) {
            throw in.corrupt("an element of type " + vr + " has an undefined length at byte " + in.position());
        }
        boolean saved = explicitVr;
        if ("UN".equals(vr)) {
            explicitVr = false;
        }
        skipSequence(depth + 1);
        explicitVr = saved;
    }

    private void skipSequence(int depth) {
        if (depth > MAX_NESTING) {
            throw in.corrupt("its sequences nest deeper than " + MAX_NESTING + " levels");
        }
        while (true) {
            int tag = readTag();
            long length = in.u32();
            if (tag == SEQUENCE_END) {
                return;
            }
            if (tag != ITEM) {
                throw in.corrupt("a sequence holds something other than an item at byte " + (in.position() - 8));
            }
            if (length != UNDEFINED) {
                in.skip(length, "a sequence item");
                continue;
            }
            while (true) {
                int inner = readTag();
                String vr = readVr(inner);
                long innerLength = readLength(vr, inner);
                if (inner == ITEM_END) {
                    break;
                }
                skipValue(vr, innerLength, depth);
            }
        }
    }

    private Parsed pixels(DicomHeader header, DicomTransferSyntax syntax, long length) {
        boolean native_ = syntax.encoding() == DicomTransferSyntax.Encoding.NATIVE;
        if (length != UNDEFINED) {
            if (!native_) {
                throw in.corrupt("its transfer syntax is " + syntax.description()
                        + " but its pixel data is not encapsulated");
            }
            int start = in.position();
            return new Parsed(header, syntax, start, in.checkedLength(length, "the pixel data"), null);
        }
        if (native_) {
            throw in.corrupt("its pixel data has an undefined length in the uncompressed "
                    + syntax.description() + " transfer syntax");
        }
        List<Fragment> fragments = new ArrayList<>();
        boolean offsetTable = true;
        while (true) {
            int tag = readTag();
            long itemLength = in.u32();
            if (tag == SEQUENCE_END) {
                break;
            }
            if (tag != ITEM || itemLength == UNDEFINED) {
                throw in.corrupt("its encapsulated pixel data holds something other than a fragment at byte "
                        + (in.position() - 8));
            }
            int start = in.position();
            int n = in.checkedLength(itemLength, "a pixel data fragment");
            in.skip(n, "a pixel data fragment");
            if (!offsetTable) {
                fragments.add(new Fragment(start, n));
            }
            offsetTable = false;
        }
        if (fragments.isEmpty()) {
            throw in.corrupt("its encapsulated pixel data has no fragments");
        }
        return new Parsed(header, syntax, -1, -1, List.copyOf(fragments));
    }

    /** The header, with the defaults PS3.3 C.7.6.3 implies for what is absent. */
    private DicomHeader header() {
        int stored = bitsStored < 0 ? bitsAllocated : bitsStored;
        int high = highBit < 0 ? stored - 1 : highBit;
        return new DicomHeader(transferSyntax, rows, columns, samplesPerPixel, photometric, frames, bitsAllocated,
                stored, high, pixelRepresentation == 1, rescaleSlope, rescaleIntercept, windowCenter,
                windowWidth, voiLutFunction, DicomInput.CODE_STRING.matcher(viewPosition).matches() ? viewPosition : "");
    }

    private static int tag(int group, int element) {
        return group << 16 | element;
    }
}
