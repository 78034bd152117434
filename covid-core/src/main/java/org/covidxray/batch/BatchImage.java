package org.covidxray.batch;

import java.util.Objects;

/**
 * One image of a batch run: where it is, and what the list said about it.
 *
 * @param path the image file as the run names it (the output's {@code path} column)
 * @param label the true class, or {@code null} when the input gives none
 * @param patient the patient, or {@code null} when the input gives none
 */
public record BatchImage(String path, String label, String patient) {
    public BatchImage {
        Objects.requireNonNull(path, "path");
        label = label == null || label.isBlank() ? null : label;
        patient = patient == null || patient.isBlank() ? null : patient;
    }

    /** An image with nothing known but its path. */
    public static BatchImage of(String path) {
        return new BatchImage(path, null, null);
    }
}
