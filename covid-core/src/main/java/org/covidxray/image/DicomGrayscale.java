package org.covidxray.image;

import java.util.Locale;

/**
 * The grayscale pipeline of PS3.3 C.11 from stored values to intensities in [0, 1]: the modality LUT
 * (rescale slope and intercept), the VOI window (centre and width with the LINEAR, LINEAR_EXACT or
 * SIGMOID function; without a window, the image's own minimum to maximum), and inversion for
 * MONOCHROME1, where 0 is white. VOI LUT sequences are not read: the window or min-max is used instead.
 */
final class DicomGrayscale {
    private static final int WHITE = 65535;

    private DicomGrayscale() {
    }

    /**
     * Maps stored values to 16-bit gray levels ({@code round(65535 * intensity)}).
     *
     * @param stored the stored values of every pixel (masked, sign-extended)
     */
    static short[] toGray16(int[] stored, DicomHeader header) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : stored) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // stored values span at most 16 bits, so one lookup table entry per value present is cheap
        int[] lut = new int[max - min + 1];
        double slope = header.rescaleSlope();
        double intercept = header.rescaleIntercept();
        double lowest = Math.min(min * slope + intercept, max * slope + intercept);
        double highest = Math.max(min * slope + intercept, max * slope + intercept);
        boolean invert = "MONOCHROME1".equals(header.photometric());
        String function = header.voiLutFunction().toUpperCase(Locale.ROOT);
        for (int i = 0; i < lut.length; i++) {
            double x = (min + i) * slope + intercept;
            double y = header.hasWindow() ? window(x, header.windowCenter(), header.windowWidth(), function)
                    : highest > lowest ? (x - lowest) / (highest - lowest) : 0;
            if (invert) {
                y = 1 - y;
            }
            lut[i] = (int) Math.round(Math.max(0, Math.min(1, y)) * WHITE);
        }
        short[] out = new short[stored.length];
        for (int i = 0; i < stored.length; i++) {
            out[i] = (short) lut[stored[i] - min];
        }
        return out;
    }

    /** The VOI LUT functions of PS3.3 C.11.2.1.2 and C.11.2.1.3, scaled to [0, 1]. */
    static double window(double x, double center, double width, String function) {
        switch (function) {
            case "SIGMOID":
                return 1 / (1 + Math.exp(-4 * (x - center) / width));
            case "LINEAR_EXACT":
                if (x <= center - width / 2) {
                    return 0;
                }
                return x > center + width / 2 ? 1 : (x - center) / width + 0.5;
            default:
                if (x <= center - 0.5 - (width - 1) / 2) {
                    return 0;
                }
                return x > center - 0.5 + (width - 1) / 2 ? 1 : (x - (center - 0.5)) / (width - 1) + 0.5;
        }
    }
}
