package org.covidxray.gate;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.covidxray.gate.InputRefusedException.Reason;
import org.covidxray.image.DecodedImage;
import org.covidxray.image.GrayImage;
import org.covidxray.image.ImageDecodeException;
import org.covidxray.image.ImageDecoder;

/**
 * Refuses images that decode but are not a chest radiograph a model can judge: too small, extremely
 * elongated, in colour, or nearly uniform (see {@link GateLimits}). It runs where a person asks for a
 * prediction (the web page, the API, {@code covid predict} and {@code covid explain}), not in training or
 * evaluation, which read curated data sets. Stateless and thread-safe.
 */
public final class InputGate {
    private final GateLimits limits;

    public InputGate(GateLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A gate with {@link GateLimits#defaults()}. */
    public static InputGate defaults() {
        return new InputGate(GateLimits.defaults());
    }

    public GateLimits limits() {
        return limits;
    }

    /**
     * Decodes, checks and converts to gray: what {@link ImageDecoder#decodeGray} does, with the gate in
     * between (it must see the colour image before the gray conversion).
     *
     * @throws ImageDecodeException if the bytes are not a readable image
     * @throws InputRefusedException if the image breaks a limit
     */
    public GrayImage decodeGray(byte[] bytes, String name, long maxPixels) {
        return read(bytes, name, maxPixels).gray();
    }

    /**
     * An image that passed the gate: its gray conversion and what its file said about it (a DICOM
     * file's view, so a caller can flag a lateral film).
     */
    public record Passed(GrayImage gray, DecodedImage decoded) {
    }

    /** {@link #decodeGray(byte[], String, long)}, keeping the decoded image's format and attributes. */
    public Passed read(byte[] bytes, String name, long maxPixels) {
        DecodedImage decoded = ImageDecoder.read(bytes, name, maxPixels);
        GrayImage gray = GrayImage.of(decoded.image());
        check(decoded.image(), gray, name);
        return new Passed(gray, decoded);
    }

    /** Reads the file, then {@link #decodeGray(byte[], String, long)}. */
    public GrayImage load(Path file, long maxPixels) {
        return read(file, maxPixels).gray();
    }

    /** Reads the file, then {@link #read(byte[], String, long)}. */
    public Passed read(Path file, long maxPixels) {
        byte[] bytes = ImageDecoder.readFile(file);
        return read(bytes, file.toString(), maxPixels);
    }

    /**
     * Measures a decoded image and its gray conversion and refuses it when it breaks a limit.
     *
     * @return the measurements of an image that passes
     * @throws InputRefusedException naming {@code name}, the value and the limit
     */
    public ImageMeasurements check(BufferedImage decoded, GrayImage gray, String name) {
        ImageMeasurements m = ImageMeasurements.of(decoded, gray);
        String size = m.width() + "x" + m.height() + " pixels";
        if (m.shorterSide() < limits.minShorterSide()) {
            throw new InputRefusedException(Reason.TOO_SMALL, name, m.shorterSide(), limits.minShorterSide(),
                    "Image " + name + " is " + size + "; the input gate needs at least " + limits.minShorterSide()
                            + " px on the shorter side to judge a chest radiograph. Use the original X-ray, "
                            + "not a thumbnail or an icon.");
        }
        if (m.aspectRatio() > limits.maxAspectRatio()) {
            throw new InputRefusedException(Reason.EXTREME_ASPECT_RATIO, name, m.aspectRatio(),
                    limits.maxAspectRatio(), String.format(Locale.ROOT, "Image %s is %s, an aspect ratio of "
                            + "%.1f:1; a chest radiograph is at most %.1f:1. Use the whole film, not a strip or a "
                            + "banner cut from it.", name, size, m.aspectRatio(), limits.maxAspectRatio()));
        }
        if (m.colourfulFraction() > limits.maxColourfulFraction()) {
            throw new InputRefusedException(Reason.COLOUR_IMAGE, name, m.colourfulFraction(),
                    limits.maxColourfulFraction(), String.format(Locale.ROOT, "Image %s is a colour image "
                            + "(%.0f%% of its pixels are clearly coloured; the limit is %.0f%%); chest radiographs "
                            + "are gray. Use the X-ray itself, not a photograph or a screenshot of it.", name,
                            100 * m.colourfulFraction(), 100 * limits.maxColourfulFraction()));
        }
        if (m.grayStd() < limits.minGrayStd()) {
            throw new InputRefusedException(Reason.NEAR_CONSTANT, name, m.grayStd(), limits.minGrayStd(),
                    String.format(Locale.ROOT, "Image %s is nearly uniform (its gray levels vary with a standard "
                            + "deviation of %.4f; the limit is %.4f): there is no radiograph in it to judge. Check "
                            + "that it is the right file and not blank.", name, m.grayStd(), limits.minGrayStd()));
        }
        return m;
    }
}
