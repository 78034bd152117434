package org.covidxray.data;

import java.nio.file.Path;

/**
 * A sample whose label looks wrong, found by {@link LabelQualityCheck}.
 *
 * @param sampleId the sample's id
 * @param path its image file
 * @param label the label it has
 * @param reason why the label is suspicious
 */
public record LabelFinding(String sampleId, Path path, String label, String reason) {
}
