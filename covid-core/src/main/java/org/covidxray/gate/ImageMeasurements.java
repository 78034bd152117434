package org.covidxray.gate;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import org.covidxray.image.GrayImage;

/**
 * What the {@link InputGate} measures on a decoded image. Colour is measured on the decoded image
 * itself, before it is converted to gray (after conversion a colour photograph looks like any other gray
 * image); contrast on the gray intensities the model would see. Large images are measured on a regular
 * grid of at most {@value #MAX_SAMPLES} pixels, which is plenty for fractions and standard deviations.
 *
 * <p>Colour means colour that no single tint explains. Radiographs photographed from a monitor or a
 * light box, or scanned from a journal, are often tinted (bluish, purple, sepia) while still being one
 * gray scale: each colour channel is then an affine function of the luma. The gate therefore fits
 * {@code channel = a * luma + b} per channel by least squares and measures the chroma of what is left;
 * a colour photograph, with many hues, leaves a lot.
 *
 * @param width decoded width in pixels
 * @param height decoded height in pixels
 * @param colourfulFraction share of pixels whose colour beyond the image's best single tint has a chroma
 *     (largest minus smallest residual of the sRGB components, in [0, 1]) of at least
 *     {@link #COLOURFUL_CHROMA}; 0 for images stored as gray
 * @param meanChroma mean plain chroma (largest minus smallest sRGB component, in [0, 1]) including any
 *     tint; 0 for gray; for reports
 * @param grayStd standard deviation of the gray intensities in [0, 1]
 */
public record ImageMeasurements(int width, int height, double colourfulFraction, double meanChroma, double grayStd) {

    /**
     * The residual chroma from which a pixel counts as clearly coloured: 0.2 (51 of 255) is far above the
     * colour noise of JPEG-compressed gray images and below the colours of ordinary photographs.
     */
    public static final double COLOURFUL_CHROMA = 0.2;
    /** Pixels measured at most (a 512 x 512 grid). */
    public static final int MAX_SAMPLES = 512 * 512;

    /** Measures {@code decoded} and its gray conversion {@code gray} (same size). */
    public static ImageMeasurements of(BufferedImage decoded, GrayImage gray) {
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        if (gray.width() != w || gray.height() != h) {
            throw new IllegalArgumentException("gray image is " + gray.width() + "x" + gray.height()
                    + " but the decoded image is " + w + "x" + h);
        }
        int step = step(w, h);
        int columns = (w - step / 2 + step - 1) / step;
        int rows = (h - step / 2 + step - 1) / step;
        int samples = columns * rows;
        double sum = 0;
        double sumSquares = 0;
        for (int y = step / 2; y < h; y += step) {
            for (int x = step / 2; x < w; x += step) {
                double v = gray.get(x, y);
                sum += v;
                sumSquares += v * v;
            }
        }
        double mean = sum / samples;
        double grayStd = Math.sqrt(Math.max(0, sumSquares / samples - mean * mean));
        if (isGray(decoded.getColorModel())) {
            return new ImageMeasurements(w, h, 0, 0, grayStd);
        }
        int[] rgb = new int[samples];
        int i = 0;
        for (int y = step / 2; y < h; y += step) {
            for (int x = step / 2; x < w; x += step) {
                rgb[i++] = decoded.getRGB(x, y);
            }
        }
        double[] colour = colour(rgb);
        return new ImageMeasurements(w, h, colour[0], colour[1], grayStd);
    }

    /** {fraction of pixels with residual chroma >= COLOURFUL_CHROMA, mean plain chroma}. */
    private static double[] colour(int[] rgb) {
        int n = rgb.length;
        double sy = 0;
        double syy = 0;
        double[] sc = new double[3];
        double[] scy = new double[3];
        double chromaSum = 0;
        double[] c = new double[3];
        for (int p : rgb) {
            double y = channels(p, c);
            sy += y;
            syy += y * y;
            for (int k = 0; k < 3; k++) {
                sc[k] += c[k];
                scy[k] += c[k] * y;
            }
            chromaSum += range(c[0], c[1], c[2]);
        }
        double meanY = sy / n;
        double varY = syy / n - meanY * meanY;
        double[] slope = new double[3];
        double[] offset = new double[3];
        for (int k = 0; k < 3; k++) {
            double meanC = sc[k] / n;
            slope[k] = varY > 1e-12 ? (scy[k] / n - meanC * meanY) / varY : 0;
            offset[k] = meanC - slope[k] * meanY;
        }
        long colourful = 0;
        for (int p : rgb) {
            double y = channels(p, c);
            double r = c[0] - (slope[0] * y + offset[0]);
            double g = c[1] - (slope[1] * y + offset[1]);
            double b = c[2] - (slope[2] * y + offset[2]);
            if (range(r, g, b) >= COLOURFUL_CHROMA) {
                colourful++;
            }
        }
        return new double[] {colourful / (double) n, chromaSum / n};
    }

    /** Writes the sRGB components in [0, 1] to {@code out} and returns the BT.601 luma. */
    private static double channels(int argb, double[] out) {
        out[0] = ((argb >> 16) & 0xff) / 255.0;
        out[1] = ((argb >> 8) & 0xff) / 255.0;
        out[2] = (argb & 0xff) / 255.0;
        return 0.299 * out[0] + 0.587 * out[1] + 0.114 * out[2];
    }

    private static double range(double a, double b, double c) {
        return Math.max(a, Math.max(b, c)) - Math.min(a, Math.min(b, c));
    }

    public int shorterSide() {
        return Math.min(width, height);
    }

    /** Longer side over shorter side (1 for a square). */
    public double aspectRatio() {
        return Math.max(width, height) / (double) Math.min(width, height);
    }

    private static int step(int w, int h) {
        long pixels = (long) w * h;
        return pixels <= MAX_SAMPLES ? 1 : (int) Math.ceil(Math.sqrt(pixels / (double) MAX_SAMPLES));
    }

    private static boolean isGray(ColorModel cm) {
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
    }
}
