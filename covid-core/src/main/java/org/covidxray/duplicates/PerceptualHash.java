package org.covidxray.duplicates;

import java.util.Arrays;
import org.covidxray.image.GrayImage;

/**
 * A DCT perceptual hash of a gray image, made to recognise a chest film after re-encoding, resizing,
 * contrast changes and a square centre crop: the centre square of the image (side = the shorter side) is
 * area-averaged down to 32 x 32, transformed with a 2-D DCT-II, and each of the 16 x 16 lowest-frequency
 * coefficients except the constant one becomes a bit: 1 when above their median.
 *
 * <p>Why these choices (measured on the shared data: Cohen's copies of 67 Hannover films against
 * Hannover's own files, and every other pair of 6,813 images): Cohen's copies are Hannover's films cropped
 * to their centre square and resized to 512 x 512, with other contrast, so hashing the full frame misses
 * most of them; and chest films look so alike at low resolution that 64 bits (8 x 8 coefficients or a
 * difference hash) put hundreds of distinct films as close as true copies, while 255 bits separate them
 * (copies at most 14 bits apart, distinct films at least 36). Written by hand: no image hashing library
 * is among the project's dependencies, and the whole transform is a few small loops.
 */
public final class PerceptualHash {
    /** Side of the downscaled square the DCT runs on. */
    static final int SIZE = 32;
    /** Side of the block of low frequencies kept. */
    static final int KEPT = 16;

    /** cos((2x + 1) u pi / 2N) for u < KEPT, x < SIZE: the DCT-II basis (unnormalised; only signs against the median matter). */
    private static final double[][] BASIS = basis();

    private PerceptualHash() {
    }

    /** The fingerprint of a decoded image. */
    public static FilmFingerprint of(GrayImage image) {
        float[] pixels = image.resizeCenterCrop(SIZE);
        double[][] rows = new double[SIZE][KEPT];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 0; u < KEPT; u++) {
                double sum = 0;
                double[] cos = BASIS[u];
                for (int x = 0; x < SIZE; x++) {
                    sum += pixels[y * SIZE + x] * cos[x];
                }
                rows[y][u] = sum;
            }
        }
        double[] coefficients = new double[KEPT * KEPT - 1];
        int n = 0;
        for (int v = 0; v < KEPT; v++) {
            double[] cos = BASIS[v];
            for (int u = 0; u < KEPT; u++) {
                if (u == 0 && v == 0) {
                    continue;
                }
                double sum = 0;
                for (int y = 0; y < SIZE; y++) {
                    sum += rows[y][u] * cos[y];
                }
                coefficients[n++] = sum;
            }
        }
        double[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        long[] words = new long[4];
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] > median) {
                words[i >> 6] |= 1L << (i & 63);
            }
        }
        return new FilmFingerprint(words[0], words[1], words[2], words[3]);
    }

    private static double[][] basis() {
        double[][] basis = new double[KEPT][SIZE];
        for (int u = 0; u < KEPT; u++) {
            for (int x = 0; x < SIZE; x++) {
                basis[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * SIZE));
            }
        }
        return basis;
    }
}
