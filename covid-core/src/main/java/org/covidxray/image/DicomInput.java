package org.covidxray.image;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.covidxray.image.ImageDecodeException.Reason;

/**
 * A little-endian cursor over the bytes of a DICOM file that never reads past their end: every read
 * checks the remaining length first and a short file becomes a corrupt-image error naming the file
 * and the offset, never an index exception from inside the parser.
 */
final class DicomInput {
    private final byte[] bytes;
    private final String name;
    private int position;

    DicomInput(byte[] bytes, String name, int position) {
        this.bytes = bytes;
        this.name = name;
        this.position = position;
    }

    int position() {
        return position;
    }

    int remaining() {
        return bytes.length - position;
    }

    byte[] bytes() {
        return bytes;
    }

    String name() {
        return name;
    }

    int u16() {
        need(2, "a 16-bit value");
        int v = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8;
        position += 2;
        return v;
    }

    /** An unsigned 32-bit value; DICOM lengths above {@code Integer.MAX_VALUE} only occur as 0xFFFFFFFF. */
    long u32() {
        need(4, "a 32-bit value");
        long v = (bytes[position] & 0xffL) | (bytes[position + 1] & 0xffL) << 8 | (bytes[position + 2] & 0xffL) << 16
                | (bytes[position + 3] & 0xffL) << 24;
        position += 4;
        return v;
    }

    /** Two ASCII characters (an explicit VR). */
    String vr() {
        need(2, "a value representation");
        String vr = new String(bytes, position, 2, StandardCharsets.US_ASCII);
        position += 2;
        return vr;
    }

    /** {@code length} bytes as text, trailing spaces and NULs removed. */
    String text(long length) {
        int n = checkedLength(length, "a text value");
        int end = position + n;
        while (end > position && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
            end--;
        }
        int start = position;
        while (start < end && bytes[start] == ' ') {
            start++;
        }
        String s = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        position += n;
        return s;
    }

    void skip(long length, String what) {
        position += checkedLength(length, what);
    }

    /** Checks that {@code length} bytes remain and returns it as an int. */
    int checkedLength(long length, String what) {
        if (length < 0 || length > remaining()) {
            throw corrupt(what + " at byte " + position + " declares " + length + " bytes but only " + remaining()
                    + " remain (the file is truncated or its lengths are inconsistent)");
        }
        return (int) length;
    }

    private void need(int n, String what) {
        if (remaining() < n) {
            throw corrupt("it ends at byte " + bytes.length + " in the middle of " + what
                    + " (the file is truncated)");
        }
    }

    /**
     * A value as it may appear in a message or a result: only when it has the characters and length
     * its value representation allows ({@code pattern}), since a corrupt length can make a value run
     * into the elements that follow it, patient attributes included.
     */
    static String shown(String value, Pattern pattern) {
        return pattern.matcher(value).matches() ? value : "(malformed)";
    }

    /** Code strings (CS): upper case, digits, space and underscore, at most 16 characters. */
    static final Pattern CODE_STRING = Pattern.compile("[A-Z0-9 _]{0,16}");
    /** Unique identifiers (UI): digits and dots, at most 64 characters. */
    static final Pattern UID = Pattern.compile("[0-9.]{1,64}");
    /** Decimal and integer strings (DS, IS). */
    static final Pattern NUMBER = Pattern.compile("[0-9+\\-.eE ]{1,16}");

    ImageDecodeException corrupt(String problem) {
        return DicomInput.corrupt(name, problem);
    }

    static ImageDecodeException corrupt(String name, String problem) {
        return new ImageDecodeException(Reason.CORRUPT, "DICOM file " + name + " is corrupt: " + problem
                + ". Re-export it from the archive or re-download it.");
    }
}
