package org.covidxray.image;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A decoded image with what its file said about it: its format and, for DICOM files, source
 * attributes under the same keys as {@code org.covidxray.data.Sample}'s (so far {@link #VIEW}, from
 * the View Position attribute). Patient attributes are never among them.
 *
 * @param image the pixels; a DICOM file becomes 16-bit gray after its modality LUT, VOI window and
 *     MONOCHROME1 inversion
 * @param format what the bytes were, e.g. {@code png}, {@code jpeg}, {@code dicom}
 * @param attributes source attributes read from the file; immutable
 */
public record DecodedImage(BufferedImage image, String format, Map<String, String> attributes) {
    /** Attribute key of the radiographic view; the same key as {@code Sample.VIEW}. */
    public static final String VIEW = "view";

    /** View codes of lateral films: DICOM's LL and RL, and the {@code L} of Cohen's metadata. */
    private static final Set<String> LATERAL = Set.of("LL", "RL", "L", "LATERAL");

    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The view the file names (DICOM View Position: PA, AP, LL, RL, ...), if any. */
    public Optional<String> view() {
        return Optional.ofNullable(attributes.get(VIEW));
    }

    /**
     * Whether the file says the film is lateral. Models here are trained on frontal (PA/AP) films, so
     * a caller can flag or refuse such an image; absent a view, nothing is known and this is false.
     */
    public boolean lateral() {
        return isLateral(attributes.getOrDefault(VIEW, ""));
    }

    /** Whether a view code names a lateral film (case-insensitive). */
    public static boolean isLateral(String view) {
        return LATERAL.contains(view.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
