package org.covidxray.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.covidxray.image.DecodedImage;

/**
 * One image of a data set: where its bytes are, its label (absent for unlabelled images), the
 * patient it belongs to, and attributes from its source (view, data set, finding, subtype...).
 *
 * @param id unique id within its data set (usually the file name relative to the data set root)
 * @param path the image file
 * @param label the class name, or {@code null} when unlabelled
 * @param patientId the patient; never null: loaders fall back to {@code id} when the source has none
 * @param attributes source attributes such as {@code view}, {@code source}, {@code finding}; immutable
 */
public record Sample(String id, Path path, String label, String patientId, Map<String, String> attributes) {

    /** Attribute key: the data set a sample came from (e.g. {@code cohen}, {@code kermany}). */
    public static final String SOURCE = "source";
    /**
     * Attribute key: the radiographic view (PA, AP, AP Supine, L; a DICOM file's View Position: PA, AP,
     * LL, RL, ...). The same key as {@link DecodedImage#VIEW}.
     */
    public static final String VIEW = DecodedImage.VIEW;
    /** Attribute key: the original finding text of the source. */
    public static final String FINDING = "finding";
    /**
     * Attribute key: the label a sample had before its class was merged into a wider one
     * ({@link Dataset#withClassesMerged}); caps per class ({@link PatientSample#perSourceAndClass}) keep using it.
     */
    public static final String ORIGINAL_LABEL = "originalLabel";
    /** Attribute key: Kermany pneumonia subtype ({@code bacteria} or {@code virus}). */
    public static final String SUBTYPE = "subtype";

    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        patientId = patientId == null || patientId.isBlank() ? id : patientId;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The label, if the sample has one. */
    public Optional<String> optLabel() {
        return Optional.ofNullable(label);
    }

    /** An attribute, or {@code ""} when the source did not provide it. */
    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }

    /** A copy of this sample with one more attribute (or another value of it). */
    public Sample withAttribute(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(attributes);
        more.put(key, value);
        return new Sample(id, path, label, patientId, more);
    }

    /** A copy of this sample with another label (used by class mappings and merges). */
    public Sample withLabel(String newLabel) {
        return new Sample(id, path, newLabel, patientId, attributes);
    }
}
