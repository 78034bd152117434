package org.covidxray.data;

/**
 * A row or file a loader skipped because the user asked it to skip bad input. Loaders never drop
 * input silently: every skip is recorded here and shows in the data set summary.
 *
 * @param location the file, or the CSV file and line number
 * @param reason what was wrong with it
 */
public record SkippedRow(String location, String reason) {
}
