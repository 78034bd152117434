package org.covidxray.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Locale;
import org.covidxray.image.ImageDecodeException;
import org.covidxray.image.ImageFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the skip-bad-rows option in one place: a bad row either fails the load with a
 * {@link DatasetException} that says what is wrong and what to do, or, when skipping was asked for,
 * is recorded as a {@link SkippedRow} and logged. Nothing is dropped without one of the two.
 */
final class BadRows {
    private static final Logger LOG = LoggerFactory.getLogger(BadRows.class);

    private final String datasetName;
    private final boolean skip;
    private final List<SkippedRow> skipped = new ArrayList<>();

    BadRows(String datasetName, boolean skip) {
        this.datasetName = datasetName;
        this.skip = skip;
    }

    /**
     * Reports a bad row.
     *
     * @param location the file, or CSV file and line
     * @param problem what is wrong
     * @param advice what the user can do (the skip option is always mentioned after it)
     */
    void report(String location, String problem, String advice) {
        if (!skip) {
            throw new DatasetException(location + ": " + problem + ". " + advice
                    + " (or load with optSkipBadRows(true) to skip and list such rows)");
        }
        skipped.add(new SkippedRow(location, problem));
        LOG.warn("Data set '{}': skipped {}: {}", datasetName, location, problem);
    }

    /** Records a row that is dropped for a reason that is not the user's error (e.g. a duplicate). */
    void record(String location, String reason) {
        skipped.add(new SkippedRow(location, reason));
        LOG.warn("Data set '{}': skipped {}: {}", datasetName, location, reason);
    }

    /** Verifies the image header when the options ask for it; reports a bad row when it fails. */
    boolean imageOk(Path file, String location, DatasetOptions options) {
        if (!options.verifyImages()) {
            return true;
        }
        Optional<String> problem = ImageFiles.headerProblem(file);
        if (problem.isPresent()) {
            report(location, "unreadable image " + file + ": " + problem.get(),
                    "Replace or delete the file");
            return false;
        }
        return true;
    }

    /**
     * The view a DICOM file's header names, {@code ""} when it names none or the file is not a
     * {@code .dcm} file (other formats carry no view; only DICOM files are opened); empty, after reporting
     * the row, when the DICOM header cannot be read.
     */
    Optional<String> headerView(Path file, String location) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dcm")) {
            return Optional.of("");
        }
        try {
            return Optional.of(ImageFormats.attributes(file).getOrDefault(Sample.VIEW, ""));
        } catch (ImageDecodeException e) {
            report(location, "unreadable DICOM header: " + e.getMessage(), "Replace or delete the file");
            return Optional.empty();
        }
    }

    List<SkippedRow> skipped() {
        return List.copyOf(skipped);
    }

    void logSummary() {
        if (!skipped.isEmpty()) {
            LOG.warn("Data set '{}': {} rows or files skipped; they are listed in Dataset.skipped() and the summary",
                    datasetName, skipped.size());
        }
    }
}
