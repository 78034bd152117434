package org.covidxray.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns image files into network inputs following {@link PreprocessingConfig}'s documented pixel
 * convention. Stateless and thread-safe.
 */
public final class Preprocessor {
    private final PreprocessingConfig config;

    public Preprocessor(PreprocessingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public PreprocessingConfig config() {
        return config;
    }

    /** Reads, decodes and preprocesses an image file. */
    public ImageTensor load(Path file) {
        byte[] bytes = ImageDecoder.readFile(file);
        return apply(bytes, file.toString());
    }

    /**
     * Reads and decodes an image file, changes its look by {@code shift} (seeded by the file name, so the
     * same file always looks the same), then preprocesses it.
     */
    public ImageTensor load(Path file, AppearanceShift shift) {
        if (shift.isIdentity()) {
            return load(file);
        }
        byte[] bytes = ImageDecoder.readFile(file);
        GrayImage gray = ImageDecoder.decodeGray(bytes, file.toString(), config.maxPixels());
        String id = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return apply(shift.apply(gray, id, config.imageSize()));
    }

    /** Decodes and preprocesses encoded image bytes; {@code name} is used in error messages. */
    public ImageTensor apply(byte[] bytes, String name) {
        GrayImage gray = ImageDecoder.decodeGray(bytes, name, config.maxPixels());
        return apply(gray);
    }

    /** Preprocesses a decoded image. */
    public ImageTensor apply(BufferedImage image) {
        return apply(GrayImage.of(image));
    }

    /** Preprocesses a decoded gray image. */
    public ImageTensor apply(GrayImage gray) {
        GrayImage g = config.equalizeHistogram() ? gray.equalized() : gray;
        int size = config.imageSize();
        float[] pixels = config.centerCrop() ? g.resizeCenterCrop(size) : g.resize(size, size);
        float mean = config.mean();
        float invStd = 1f / config.std();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (pixels[i] - mean) * invStd;
        }
        maskBorder(pixels, size, config.borderMaskPixels());
        return new ImageTensor(pixels, 1, size, size);
    }

    /** Sets the outer {@code band} pixels at each edge of a {@code size} x {@code size} image to 0. */
    private static void maskBorder(float[] pixels, int size, int band) {
        if (band <= 0) {
            return;
        }
        for (int y = 0; y < size; y++) {
            int row = y * size;
            if (y < band || y >= size - band) {
                Arrays.fill(pixels, row, row + size, 0f);
            } else {
                Arrays.fill(pixels, row, row + band, 0f);
                Arrays.fill(pixels, row + size - band, row + size, 0f);
            }
        }
    }

    /** Maps a tensor value back to [0, 1] intensity (for overlays and previews). */
    public float toIntensity(float value) {
        return value * config.std() + config.mean();
    }

    /**
     * The network input as an 8-bit gray image, the normalisation undone and clamped to [0, 1]: what the
     * model saw (for previews; browsers cannot show every format the decoder reads).
     */
    public BufferedImage toImage(ImageTensor tensor) {
        BufferedImage out = new BufferedImage(tensor.width(), tensor.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < tensor.height(); y++) {
            for (int x = 0; x < tensor.width(); x++) {
                float v = Math.min(1f, Math.max(0f, toIntensity(tensor.get(0, y, x))));
                out.getRaster().setSample(x, y, 0, Math.round(v * 255));
            }
        }
        return out;
    }
}
