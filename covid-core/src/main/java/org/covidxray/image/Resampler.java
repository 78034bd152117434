package org.covidxray.image;

/**
 * Separable resizing of a gray region. Along an axis that shrinks, each output pixel is the
 * area-weighted average of the source pixels it covers (a box filter: exact for integer factors and
 * free of aliasing); along an axis that grows, it is linear interpolation with centre-aligned pixels
 * (as {@code align_corners=False} in PyTorch). The two axes are handled independently, so a region
 * shrunk in one direction and stretched in the other is still treated correctly.
 */
final class Resampler {

    /** For each output index, the first source index and the weights of the consecutive source pixels. */
    private record Taps(int[] start, float[][] weights) {
    }

    private Resampler() {
    }

    static float[] resize(float[] src, int srcWidth, int x0, int y0, int regionW, int regionH, int newW, int newH) {
        if (regionW == newW && regionH == newH) {
            float[] out = new float[newW * newH];
            for (int y = 0; y < newH; y++) {
                System.arraycopy(src, (y0 + y) * srcWidth + x0, out, y * newW, newW);
            }
            return out;
        }
        Taps horizontal = taps(regionW, newW);
        Taps vertical = taps(regionH, newH);
        // horizontal pass over the needed rows only, then the vertical pass
        float[] rows = new float[regionH * newW];
        for (int y = 0; y < regionH; y++) {
            int rowStart = (y0 + y) * srcWidth + x0;
            for (int x = 0; x < newW; x++) {
                float[] w = horizontal.weights()[x];
                int s = rowStart + horizontal.start()[x];
                float sum = 0;
                for (int k = 0; k < w.length; k++) {
                    sum += src[s + k] * w[k];
                }
                rows[y * newW + x] = sum;
            }
        }
        float[] out = new float[newW * newH];
        for (int y = 0; y < newH; y++) {
            float[] w = vertical.weights()[y];
            int s = vertical.start()[y];
            int o = y * newW;
            for (int k = 0; k < w.length; k++) {
                float wk = w[k];
                int r = (s + k) * newW;
                for (int x = 0; x < newW; x++) {
                    out[o + x] += rows[r + x] * wk;
                }
            }
        }
        return out;
    }

    private static Taps taps(int srcSize, int dstSize) {
        int[] start = new int[dstSize];
        float[][] weights = new float[dstSize][];
        double scale = (double) srcSize / dstSize;
        for (int i = 0; i < dstSize; i++) {
            if (scale > 1) {
                double a = i * scale;
                double b = Math.min(srcSize, (i + 1) * scale);
                int first = (int) Math.floor(a);
                int last = Math.min(srcSize - 1, (int) Math.ceil(b) - 1);
                float[] w = new float[last - first + 1];
                for (int p = first; p <= last; p++) {
                    w[p - first] = (float) ((Math.min(b, p + 1) - Math.max(a, p)) / (b - a));
                }
                start[i] = first;
                weights[i] = w;
            } else {
                double f = Math.min(srcSize - 1, Math.max(0, (i + 0.5) * scale - 0.5));
                int p = (int) f;
                double frac = f - p;
                if (p + 1 < srcSize && frac > 0) {
                    weights[i] = new float[] {(float) (1 - frac), (float) frac};
                } else {
                    weights[i] = new float[] {1f};
                }
                start[i] = p;
            }
        }
        return new Taps(start, weights);
    }
}
