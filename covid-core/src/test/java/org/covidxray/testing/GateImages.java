package org.covidxray.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.covidxray.saliency.SaliencyOverlay;

/**
 * Images made for the input gate's tests: a radiograph-like gray film that must pass, the same film
 * tinted or stored as RGB (must pass), and what must be refused: a colour photograph-like image, a
 * constant gray image, tiny and elongated ones.
 */
public final class GateImages {
    private GateImages() {
    }

    /**
     * A gray image that looks like a frontal chest film to the gate: a bright body on a dark background,
     * two darker lung fields, a smooth gradient and film grain.
     */
    public static BufferedImage radiographLike(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width - 0.5;
                double v = (y + 0.5) / height - 0.5;
                double body = inEllipse(u, v, 0, 0.05, 0.42, 0.5) ? 170 : 30;
                if (inEllipse(u, v, -0.17, -0.02, 0.12, 0.3) || inEllipse(u, v, 0.17, -0.02, 0.12, 0.3)) {
                    body = 70;
                }
                double value = body + 40 * v + random.nextGaussian() * 8;
                image.getRaster().setSample(x, y, 0, clamp(value));
            }
        }
        return image;
    }

    /** {@link #radiographLike} rendered in one tint (a film photographed on a purple-ish monitor). */
    public static BufferedImage tinted(BufferedImage gray, Color tint) {
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                double v = gray.getRaster().getSample(x, y, 0) / 255.0;
                out.setRGB(x, y, new Color(clamp(v * tint.getRed()), clamp(v * tint.getGreen()),
                        clamp(v * tint.getBlue())).getRGB());
            }
        }
        return out;
    }

    /** A colour photograph-like image: hues sweeping across it, saturated, with shading and noise. */
    public static BufferedImage colourPhotoLike(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float hue = (float) ((x / (double) width + 0.3 * Math.sin(y / 23.0)) % 1.0);
                float saturation = (float) (0.6 + 0.3 * random.nextDouble());
                float brightness = (float) (0.4 + 0.5 * y / height);
                image.setRGB(x, y, Color.HSBtoRGB(hue, saturation, brightness));
            }
        }
        return image;
    }

    /** One gray level everywhere. */
    public static BufferedImage constant(int width, int height, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, level);
            }
        }
        return image;
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        return SaliencyOverlay.png(image);
    }

    private static boolean inEllipse(double u, double v, double cu, double cv, double ru, double rv) {
        double a = (u - cu) / ru;
        double b = (v - cv) / rv;
        return a * a + b * b <= 1;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
