package org.covidxray.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what a loader collected into a {@link Dataset}: class order, skipped rows, name. */
final class LoadedSamples {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedSamples.class);
    private LoadedSamples() {
    }

    /** The data set name: the option if given, else the root folder's name. */
    static String name(DatasetOptions options, String fallback) {
        if (options.name().isPresent()) {
            return options.name().get();
        }
        Path file = options.root().toAbsolutePath().normalize().getFileName();
        return file == null ? fallback : file.toString();
    }

    /** Fails with a message that says what to do when the data set folder is missing. */
    static void requireFolder(Path folder, String what, String advice) {
        if (!Files.isDirectory(folder)) {
            String state = Files.exists(folder) ? "is not a folder" : "does not exist";
            throw new DatasetException(what + " " + folder.toAbsolutePath() + " " + state + ". " + advice);
        }
    }

    /**
     * Builds the data set. Classes are the fixed order from the options when given (every label must be
     * in it, and classes with no samples stay), else the labels found, sorted.
     */
    static Dataset finish(String name, List<Sample> samples, BadRows badRows, DatasetOptions options) {
        Set<String> found = new TreeSet<>();
        samples.forEach(s -> {
            if (s.label() != null) {
                found.add(s.label());
            }
        });
        List<String> classes;
        if (options.classOrder().isEmpty()) {
            classes = new ArrayList<>(found);
        } else {
            classes = options.classOrder();
            Set<String> unknown = new LinkedHashSet<>(found);
            classes.forEach(unknown::remove);
            if (!unknown.isEmpty()) {
                throw new DatasetException("Data set '" + name + "' has labels " + unknown
                        + " that are not in the class order " + classes
                        + " given by optClassOrder; add them there or map them with optClassMapping");
            }
        }
        badRows.logSummary();
        if (samples.isEmpty()) {
            LOG.warn("Data set '{}' has no images after loading with {}; check the root and the filters",
                    name, options);
        }
        return new Dataset(name, classes, samples, badRows.skipped());
    }
}
