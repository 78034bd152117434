package org.covidxray.duplicates;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Pictures the tests draw themselves: smooth random blobs on a gradient, and their re-encoded copies. */
final class TestPictures {
    private TestPictures() {
    }

    /**
     * A gray picture of soft blobs at several scales placed by the seed: like a radiograph, it has
     * structure at every scale the hash looks at (a smooth picture would leave its high-frequency
     * coefficients to compression noise).
     */
    static BufferedImage picture(long seed, int width, int height) {
        SplittableRandom random = new SplittableRandom(seed);
        int blobs = 150;
        double[][] b = new double[blobs][4];
        for (int i = 0; i < blobs; i++) {
            double[] blob = b[i];
            blob[0] = random.nextDouble() * width;
            blob[1] = random.nextDouble() * height;
            blob[2] = (i < 15 ? 0.05 + random.nextDouble() * 0.2 : 0.01 + random.nextDouble() * 0.04)
                    * Math.min(width, height);
            blob[3] = random.nextDouble() * 2 - 1;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0.3 + 0.2 * y / height;
                for (double[] blob : b) {
                    double dx = x - blob[0];
                    double dy = y - blob[1];
                    v += 0.35 * blob[3] * Math.exp(-(dx * dx + dy * dy) / (2 * blob[2] * blob[2]));
                }
                image.getRaster().setSample(x, y, 0, (int) Math.round(255 * Math.max(0, Math.min(1, v))));
            }
        }
        return image;
    }

    /** The picture scaled by {@code factor} with bilinear interpolation. */
    static BufferedImage scaled(BufferedImage image, double factor) {
        int w = (int) Math.round(image.getWidth() * factor);
        int h = (int) Math.round(image.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Writes a PNG and returns the file. */
    static Path png(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a JPEG of the given quality (0-1) and returns the file. */
    static Path jpeg(BufferedImage image, float quality, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
