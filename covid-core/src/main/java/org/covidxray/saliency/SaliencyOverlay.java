package org.covidxray.saliency;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.covidxray.image.GrayImage;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.AtomicFiles;
import org.covidxray.io.PngEncoder;

/**
 * Renders a {@link SaliencyMap} as images: the gray X-ray with the map blended on top in the
 * {@link InfernoColorMap inferno} colours (each pixel's opacity is {@code opacity * heat}, so
 * unimportant regions show the plain X-ray), and the map alone as an 8-bit gray image.
 *
 * <p>The overlay can be drawn on the original image: the map, which is aligned to the network
 * input, is mapped back through the preprocessing geometry (stretching, or centre crop, where the
 * parts outside the crop get no colour), so the overlay keeps the original's aspect ratio.
 *
 * @param opacity opacity of the colour where heat is 1, in [0, 1]
 * @param maxSide overlays on original images are scaled down so their longer side is at most this
 */
public record SaliencyOverlay(double opacity, int maxSide) {

    /** Checks the settings. */
    public SaliencyOverlay {
        if (!(opacity >= 0 && opacity <= 1) || maxSide < 1) {
            throw new IllegalArgumentException("opacity must be in [0, 1] and maxSide >= 1, were " + opacity
                    + ", " + maxSide);
        }
    }

    /** Opacity 0.6, longer side at most 1024 px. */
    public static SaliencyOverlay defaults() {
        return new SaliencyOverlay(0.6, 1024);
    }

    /** The overlay on the network input itself (same size as the map). */
    public BufferedImage render(ImageTensor input, PreprocessingConfig preprocessing, SaliencyMap map) {
        if (input.width() != map.width() || input.height() != map.height()) {
            throw new IllegalArgumentException("map " + map.width() + "x" + map.height() + " does not match input "
                    + input.width() + "x" + input.height());
        }
        BufferedImage out = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                float gray = input.get(0, y, x) * preprocessing.std() + preprocessing.mean();
                out.setRGB(x, y, blend(gray, map.heat(x, y)));
            }
        }
        return out;
    }

    /** The overlay on the original image, which {@code preprocessing} turned into the map's input. */
    public BufferedImage render(GrayImage original, PreprocessingConfig preprocessing, SaliencyMap map) {
        int w = original.width();
        int h = original.height();
        double shrink = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int outW = Math.max(1, (int) Math.round(w * shrink));
        int outH = Math.max(1, (int) Math.round(h * shrink));
        float[] gray = original.resize(outW, outH);
        // the region of the original that the network saw
        int side = Math.min(w, h);
        double regionX = preprocessing.centerCrop() ? (w - side) / 2 : 0;
        double regionY = preprocessing.centerCrop() ? (h - side) / 2 : 0;
        double regionW = preprocessing.centerCrop() ? side : w;
        double regionH = preprocessing.centerCrop() ? side : h;
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        for (int oy = 0; oy < outH; oy++) {
            double y = (oy + 0.5) * h / outH - regionY;
            for (int ox = 0; ox < outW; ox++) {
                double x = (ox + 0.5) * w / outW - regionX;
                float heat = 0;
                if (x >= 0 && x < regionW && y >= 0 && y < regionH) {
                    heat = sample(map, x * map.width() / regionW - 0.5, y * map.height() / regionH - 0.5);
                }
                out.setRGB(ox, oy, blend(gray[oy * outW + ox], heat));
            }
        }
        return out;
    }

    /** The normalised map alone as an 8-bit gray image (255 = most salient), the size of the input. */
    public static BufferedImage heatMapImage(SaliencyMap map) {
        BufferedImage out = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                out.getRaster().setSample(x, y, 0, Math.round(map.heat(x, y) * 255));
            }
        }
        return out;
    }

    /** PNG encoding of an image. */
    public static byte[] png(BufferedImage image) {
        return PngEncoder.encode(image);
    }

    /** Writes an image as PNG atomically. */
    public static void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, png(image));
    }

    private int blend(float gray, float heat) {
        int g = Math.round(Math.min(1f, Math.max(0f, gray)) * 255);
        double a = opacity * heat;
        int color = InfernoColorMap.rgb(heat);
        int r = (int) Math.round(g * (1 - a) + ((color >> 16) & 0xff) * a);
        int gr = (int) Math.round(g * (1 - a) + ((color >> 8) & 0xff) * a);
        int b = (int) Math.round(g * (1 - a) + (color & 0xff) * a);
        return r << 16 | gr << 8 | b;
    }

    /** Bilinear sample of the heat at fractional map coordinates (pixel centres at integers). */
    private static float sample(SaliencyMap map, double x, double y) {
        double fx = Math.min(map.width() - 1, Math.max(0, x));
        double fy = Math.min(map.height() - 1, Math.max(0, y));
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = Math.min(map.width() - 1, x0 + 1);
        int y1 = Math.min(map.height() - 1, y0 + 1);
        double tx = fx - x0;
        double ty = fy - y0;
        double top = map.heat(x0, y0) * (1 - tx) + map.heat(x1, y0) * tx;
        double bottom = map.heat(x0, y1) * (1 - tx) + map.heat(x1, y1) * tx;
        return (float) (top * (1 - ty) + bottom * ty);
    }
}
