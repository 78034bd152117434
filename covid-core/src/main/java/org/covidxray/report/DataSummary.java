package org.covidxray.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the evaluated images came from, as the report shows it.
 *
 * @param name data set name, e.g. "seed-50 test split"
 * @param imagesPerClass image count per class name, in class order
 * @param patients distinct patients
 * @param fingerprint the data set fingerprint (identifies the exact image list), or empty
 */
public record DataSummary(String name, Map<String, Integer> imagesPerClass, int patients, String fingerprint) {

    public DataSummary {
        name = name == null ? "" : name;
        imagesPerClass = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(imagesPerClass));
        fingerprint = fingerprint == null ? "" : fingerprint;
    }

    /** All images. */
    public int images() {
        return imagesPerClass.values().stream().mapToInt(Integer::intValue).sum();
    }
}
