package org.covidxray.examples.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.covidxray.examples.common.UserException;
import org.covidxray.metrics.Bootstrap;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.PairedAuc;

/**
 * {@code covid metrics --versus}: two predictions files of the same images, matched row by row through their
 * image column, compared with {@link PairedAuc}.
 */
final class PairedPredictions {
    private PairedPredictions() {
    }

    /** The positive class's AUC of {@code baseline} and {@code other} on the same images, paired. */
    static PairedAuc.Comparison compare(Path baselineFile, PredictionsCsv.Scores baseline, Path otherFile,
                                        PredictionsCsv.Scores other, String positiveClass, Bootstrap bootstrap) {
        for (Map.Entry<Path, PredictionsCsv.Scores> e : Map.of(baselineFile, baseline, otherFile, other).entrySet()) {
            if (e.getValue().files() == null) {
                throw new UserException(e.getKey() + " has neither a 'file' nor a 'path' column: --versus matches the "
                        + "two files' rows by image.");
            }
            if (!e.getValue().classNames().contains(positiveClass)) {
                throw new UserException(e.getKey() + " has no class '" + positiveClass + "' (its classes are "
                        + e.getValue().classNames() + ").");
            }
        }
        Map<String, Integer> row = new HashMap<>();
        String[] files = baseline.files();
        for (int i = 0; i < files.length; i++) {
            if (row.put(files[i], i) != null) {
                throw new UserException(baselineFile + " holds image " + files[i] + " twice; --versus needs each once.");
            }
        }
        if (files.length != other.files().length) {
            throw new UserException(otherFile + " has " + other.files().length + " rows and " + baselineFile + " "
                    + files.length + ": --versus compares predictions of the same images (same data, split and seed).");
        }
        int p = other.classNames().indexOf(positiveClass);
        int q = baseline.classNames().indexOf(positiveClass);
        double[] otherScores = other.scores(p);
        double[] baselineScores = baseline.scores(q);
        int[] labels = new int[files.length];
        double[] first = new double[files.length];
        for (int i = 0; i < labels.length; i++) {
            String image = other.files()[i];
            Integer j = row.get(image);
            if (j == null) {
                throw new UserException(baselineFile + " has no row for image " + image + " of " + otherFile
                        + ": --versus compares predictions of the same images (same data, split and seed).");
            }
            boolean positive = other.labels()[i] == p;
            if (positive != (baseline.labels()[j] == q)) {
                throw new UserException("Image " + image + " is labelled differently in " + otherFile + " and "
                        + baselineFile + ".");
            }
            labels[i] = positive ? 1 : 0;
            first[i] = baselineScores[j];
        }
        return PairedAuc.compare(labels, first, otherScores, other.patients(), bootstrap);
    }

    static String toText(PairedAuc.Comparison c, String positiveClass, Path baselineFile, Path otherFile) {
        return String.format(Locale.ROOT, "%nPaired against %s (%d images, %d %s; %s):%n"
                        + "  AUC of %s, baseline %s%n  AUC of %s, this file %s%n  difference (this - baseline) %s%n",
                baselineFile, c.images(), c.positives(), positiveClass, c.difference().method(), positiveClass,
                text(c.first(), false), positiveClass, text(c.second(), false), text(c.difference(), true))
                + (c.difference().lower() > 0 || c.difference().upper() < 0
                ? "  The interval of the difference excludes 0.\n"
                : "  The interval of the difference includes 0: these images do not tell the two apart.\n")
                + "  (Images' variation only: training the same recipe again varies too; " + otherFile.getFileName()
                + " and the baseline should come from the same data, split and seed.)\n";
    }

    private static String text(ConfidenceInterval ci, boolean signed) {
        String number = signed ? "%+.3f" : "%.3f";
        return String.format(Locale.ROOT, number + " (95%% CI " + number + " to " + number + ")", ci.estimate(),
                ci.lower(), ci.upper());
    }
}
