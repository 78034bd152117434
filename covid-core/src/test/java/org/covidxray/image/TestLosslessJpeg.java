package org.covidxray.image;

import java.io.ByteArrayOutputStream;

/**
 * A minimal lossless JPEG encoder (ITU T.81 process 14, SOF3, selection value 1, one gray component)
 * for the reader's tests: no Java library on Maven Central writes lossless JPEG, and the reader must
 * be tested on the JPEG lossless transfer syntaxes. One Huffman table gives every difference category
 * (0 to 16) a 5-bit code.
 */
final class TestLosslessJpeg {
    private TestLosslessJpeg() {
    }

    static byte[] encode(int[] values, int width, int height, int precision) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8);
        marker(out, 0xC3);
        u16(out, 11);
        out.write(precision);
        u16(out, height);
        u16(out, width);
        out.write(1);
        out.write(1);
        out.write(0x11);
        out.write(0);
        marker(out, 0xC4);
        u16(out, 2 + 1 + 16 + 17);
        out.write(0x00);
        for (int length = 1; length <= 16; length++) {
            out.write(length == 5 ? 17 : 0);
        }
        for (int category = 0; category <= 16; category++) {
            out.write(category);
        }
        marker(out, 0xDA);
        u16(out, 8);
        out.write(1);
        out.write(1);
        out.write(0x00);
        out.write(1);
        out.write(0);
        out.write(0);
        Bits bits = new Bits(out);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int prediction;
                if (x == 0 && y == 0) {
                    prediction = 1 << (precision - 1);
                } else if (y == 0) {
                    prediction = values[x - 1];
                } else if (x == 0) {
                    prediction = values[(y - 1) * width];
                } else {
                    prediction = values[y * width + x - 1];
                }
                int diff = (values[y * width + x] - prediction) & 0xFFFF;
                if (diff >= 32768) {
                    diff -= 65536;
                }
                int category = diff == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(diff));
                bits.write(category, 5);
                if (category > 0 && category < 16) {
                    bits.write(diff > 0 ? diff : diff - 1 + (1 << category), category);
                }
            }
        }
        bits.flush();
        marker(out, 0xD9);
        return out.toByteArray();
    }

    private static void marker(ByteArrayOutputStream out, int code) {
        out.write(0xFF);
        out.write(code);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }

    /** Entropy-coded bits, most significant first, with a 0 stuffed after every 0xFF byte. */
    private static final class Bits {
        private final ByteArrayOutputStream out;
        private int buffer;
        private int count;

        Bits(ByteArrayOutputStream out) {
            this.out = out;
        }

        void write(int value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                buffer = buffer << 1 | (value >> i & 1);
                if (++count == 8) {
                    emit();
                }
            }
        }

        void flush() {
            while (count != 0) {
                buffer = buffer << 1 | 1;
                if (++count == 8) {
                    emit();
                }
            }
        }

        private void emit() {
            out.write(buffer);
            if ((buffer & 0xff) == 0xff) {
                out.write(0);
            }
            buffer = 0;
            count = 0;
        }
    }
}
