package org.covidxray.duplicates;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Two copies of one film with different labels, found by {@link Deduplicator}: the kept copy's label is
 * the one the merged data uses (the label of the source preferred for it), the other copy's label is the
 * one that was dropped with it. Labels are class names ({@code null}: the source gives the film no class,
 * e.g. Hannover's films taken before the COVID-19 admission); findings are the sources' own words.
 *
 * @param keptFile the kept copy's image file
 * @param keptSource its source
 * @param keptLabel its class, or null
 * @param keptFinding its source's finding text
 * @param droppedFile the dropped copy's image file
 * @param droppedSource its source
 * @param droppedLabel its class, or null
 * @param droppedFinding its source's finding text
 * @param distance fingerprint distance between the two, in bits
 */
public record LabelConflict(Path keptFile, String keptSource, String keptLabel, String keptFinding,
                            Path droppedFile, String droppedSource, String droppedLabel, String droppedFinding,
                            int distance) {

    /** One line for people. */
    public String toText() {
        return droppedSource + " " + droppedFile.getFileName() + " says " + describe(droppedLabel, droppedFinding)
                + ", " + keptSource + " " + keptFile.getFileName() + " (kept) says "
                + describe(keptLabel, keptFinding) + " (" + distance + " bits apart)";
    }

    private static String describe(String label, String finding) {
        String cls = label == null ? "no class" : label;
        return finding == null || finding.isEmpty() || Objects.equals(finding, label) ? cls
                : cls + " ('" + finding + "')";
    }
}
