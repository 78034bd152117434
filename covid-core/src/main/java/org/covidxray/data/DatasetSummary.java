package org.covidxray.data;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a data set holds, for people (see {@link #toText()}) and for JSON (this record serialises as is):
 * images per class, per source and per view, distinct patients overall and per class, unlabelled
 * images, and every row the loader skipped.
 *
 * @param name the data set name
 * @param images number of samples
 * @param patients number of distinct patient ids
 * @param classes class names in class order
 * @param imagesByClass images per class, in class order
 * @param patientsByClass distinct patients with at least one image of the class, in class order
 * @param imagesBySource images per {@link Sample#SOURCE} value, sorted ({@code "(none)"} when absent)
 * @param imagesByView images per {@link Sample#VIEW} value, sorted ({@code "(none)"} when absent)
 * @param unlabelled images without a label
 * @param skipped the rows and files the loader skipped, with reasons
 * @param fingerprint {@link Dataset#fingerprint()}
 */
public record DatasetSummary(String name, int images, int patients, List<String> classes,
                             Map<String, Integer> imagesByClass, Map<String, Integer> patientsByClass,
                             Map<String, Integer> imagesBySource, Map<String, Integer> imagesByView,
                             int unlabelled, List<SkippedRow> skipped, String fingerprint) {

    private static final String NONE = "(none)";

    public DatasetSummary {
        classes = List.copyOf(classes);
        imagesByClass = Collections.unmodifiableMap(new LinkedHashMap<>(imagesByClass));
        patientsByClass = Collections.unmodifiableMap(new LinkedHashMap<>(patientsByClass));
        imagesBySource = Collections.unmodifiableMap(new LinkedHashMap<>(imagesBySource));
        imagesByView = Collections.unmodifiableMap(new LinkedHashMap<>(imagesByView));
        skipped = List.copyOf(skipped);
    }

    /** Summarises a data set. */
    public static DatasetSummary of(Dataset dataset) {
        Map<String, Set<String>> patientSets = new LinkedHashMap<>();
        dataset.classNames().forEach(c -> patientSets.put(c, new HashSet<>()));
        Map<String, Integer> bySource = new TreeMap<>();
        Map<String, Integer> byView = new TreeMap<>();
        int unlabelled = 0;
        for (Sample s : dataset.samples()) {
            if (s.label() == null) {
                unlabelled++;
            } else {
                patientSets.get(s.label()).add(s.patientId());
            }
            bySource.merge(orNone(s.attribute(Sample.SOURCE)), 1, Integer::sum);
            byView.merge(orNone(s.attribute(Sample.VIEW)), 1, Integer::sum);
        }
        Map<String, Integer> patientsByClass = new LinkedHashMap<>();
        patientSets.forEach((c, set) -> patientsByClass.put(c, set.size()));
        return new DatasetSummary(dataset.name(), dataset.size(), dataset.patients().size(), dataset.classNames(),
                dataset.countsByClass(), patientsByClass, bySource, byView, unlabelled, dataset.skipped(),
                dataset.fingerprint());
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }

    /** A plain-text table for the command line. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("Data set ").append(name).append(": ").append(images).append(" images, ").append(patients)
                .append(" patients, fingerprint ").append(fingerprint).append('\n');
        out.append(String.format("  %-20s %8s %9s%n", "class", "images", "patients"));
        for (String c : classes) {
            out.append(String.format("  %-20s %8d %9d%n", c, imagesByClass.getOrDefault(c, 0),
                    patientsByClass.getOrDefault(c, 0)));
        }
        if (unlabelled > 0) {
            out.append(String.format("  %-20s %8d%n", "(unlabelled)", unlabelled));
        }
        appendCounts(out, "by source", imagesBySource);
        appendCounts(out, "by view", imagesByView);
        out.append("  skipped rows: ").append(skipped.size()).append('\n');
        for (SkippedRow row : skipped) {
            out.append("    ").append(row.location()).append(": ").append(row.reason()).append('\n');
        }
        return out.toString();
    }

    private static void appendCounts(StringBuilder out, String title, Map<String, Integer> counts) {
        out.append("  ").append(title).append(':');
        counts.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        out.append('\n');
    }
}
