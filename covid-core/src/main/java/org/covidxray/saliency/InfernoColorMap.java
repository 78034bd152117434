package org.covidxray.saliency;

/**
 * Matplotlib's "inferno" colour map (perceptually uniform, readable in gray print and by most
 * colour-blind readers), approximated by linear interpolation between its values at 0, 0.1, ..., 1.
 * Written by hand because it is eleven numbers; a plotting library would be a large dependency for it.
 */
final class InfernoColorMap {
    private static final int[] STOPS = {
        0x000004, 0x160b39, 0x420a68, 0x6a176e, 0x932667, 0xbc3754,
        0xdd513a, 0xf37819, 0xfca50a, 0xf6d746, 0xfcffa4,
    };

    private InfernoColorMap() {
    }

    /** The colour of {@code value} in [0, 1] (clamped) as 0xRRGGBB. */
    static int rgb(float value) {
        float v = Math.min(1f, Math.max(0f, Float.isNaN(value) ? 0f : value)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) v);
        float t = v - i;
        int a = STOPS[i];
        int b = STOPS[i + 1];
        return mix(a >> 16, b >> 16, t) << 16 | mix(a >> 8, b >> 8, t) << 8 | mix(a, b, t);
    }

    private static int mix(int a, int b, float t) {
        return Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
    }
}
