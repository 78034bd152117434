package org.covidxray.batch;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.covidxray.evaluation.DatasetPredictions;
import org.covidxray.io.AtomicFiles;
import org.covidxray.model.DecisionRule;

/**
 * The CSV file of a batch run, one row per image: {@code path, label, patient, predicted}, one
 * {@code p_<class>} column per class, {@code decision} (the rule that picked {@code predicted}),
 * {@code gate} (see {@link BatchRow#gate()}), {@code feature_distance}, {@code view} (the view a DICOM
 * file names, e.g. {@code PA} or {@code LL}; empty when unknown) and {@code error}. Written
 * atomically (temporary file, then move), so a stopped run never leaves half a file; {@code covid metrics
 * --csv} reads it directly (rows with an error are left out of the metrics). The Spark runner writes the
 * same columns.
 */
public final class BatchCsv {
    public static final String PATH = "path";
    public static final String LABEL = "label";
    public static final String PATIENT = "patient";
    public static final String PREDICTED = "predicted";
    /** Prefix of the class probability columns, as in {@link DatasetPredictions}. */
    public static final String PROBABILITY_PREFIX = DatasetPredictions.PROBABILITY_PREFIX;
    public static final String DECISION = "decision";
    public static final String GATE = "gate";
    public static final String FEATURE_DISTANCE = "feature_distance";
    /** The view the file names ({@link BatchRow#view()}); empty when it names none. */
    public static final String VIEW = "view";
    public static final String ERROR = "error";

    /** Produces the rows of a file, handing each to the writer as soon as it is known. */
    @FunctionalInterface
    public interface RowSource {
        void emit(Consumer<BatchRow> sink);
    }

    private BatchCsv() {
    }

    /** The columns for a model's classes, in file order. */
    public static List<String> columns(List<String> classNames) {
        List<String> columns = new ArrayList<>(List.of(PATH, LABEL, PATIENT, PREDICTED));
        classNames.forEach(c -> columns.add(PROBABILITY_PREFIX + c));
        columns.addAll(List.of(DECISION, GATE, FEATURE_DISTANCE, VIEW, ERROR));
        return columns;
    }

    /** The {@code decision} column: {@code argmax}, or {@code P(<class>)>=<threshold>}. */
    public static String decision(DecisionRule rule) {
        return rule.hasThreshold() ? String.format(Locale.ROOT, "P(%s)>=%.6f", rule.positiveClass(), rule.threshold())
                : "argmax";
    }

    /** One row's values, in {@link #columns} order; an absent value is the empty string. */
    public static List<String> values(BatchRow row, int classCount, String decision) {
        List<String> v = new ArrayList<>(classCount + 9);
        v.add(row.path());
        v.add(text(row.label()));
        v.add(text(row.patient()));
        v.add(text(row.predicted()));
        double[] p = row.probabilities();
        for (int c = 0; c < classCount; c++) {
            v.add(p == null ? "" : number(p[c]));
        }
        v.add(row.predictedOk() ? decision : "");
        v.add(row.gate());
        v.add(row.featureDistance() == null ? "" : number(row.featureDistance()));
        v.add(text(row.view()));
        v.add(text(row.error()));
        return v;
    }

    /** Writes the rows {@code source} emits to {@code target}, atomically. */
    public static void write(Path target, List<String> classNames, DecisionRule rule, RowSource source) {
        String decision = decision(rule);
        AtomicFiles.write(target, out -> {
            // not closed: AtomicFiles owns the stream and syncs it to disk after this returns
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader(columns(classNames).toArray(String[]::new)).get());
            try {
                source.emit(row -> {
                    try {
                        csv.printRecord(values(row, classNames.size(), decision));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            csv.flush();
        });
    }

    /** Writes a list of rows to {@code target}, atomically. */
    public static void write(Path target, List<String> classNames, DecisionRule rule, List<BatchRow> rows) {
        write(target, classNames, rule, sink -> rows.forEach(sink));
    }

    /** The class names of a batch CSV's header (its {@code p_<class>} columns). */
    public static List<String> classNames(Map<String, Integer> header) {
        return header.keySet().stream().filter(h -> h.startsWith(PROBABILITY_PREFIX))
                .map(h -> h.substring(PROBABILITY_PREFIX.length())).toList();
    }

    /** Reads a file this class (or the Spark runner) wrote. */
    public static List<BatchRow> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                     .parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : List.of(PATH, PREDICTED, GATE, ERROR)) {
                if (!header.containsKey(column)) {
                    throw new BatchException(file + " is not a batch predictions file: it has no '" + column
                            + "' column (columns: " + header.keySet() + ").");
                }
            }
            List<String> classes = classNames(header);
            List<BatchRow> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(row(file, r, header, classes));
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new BatchException("Batch predictions file " + file + " does not exist.", e);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new BatchException("Batch predictions file " + file + " is not a readable CSV file: "
                    + e.getMessage(), e);
        }
    }

    private static BatchRow row(Path file, CSVRecord r, Map<String, Integer> header, List<String> classes) {
        String error = blankToNull(r.get(ERROR));
        double[] p = null;
        if (error == null) {
            p = new double[classes.size()];
            for (int c = 0; c < p.length; c++) {
                p[c] = parse(file, r, PROBABILITY_PREFIX + classes.get(c));
            }
        }
        String distance = header.containsKey(FEATURE_DISTANCE) ? r.get(FEATURE_DISTANCE) : "";
        return new BatchRow(r.get(PATH), header.containsKey(LABEL) ? blankToNull(r.get(LABEL)) : null,
                header.containsKey(PATIENT) ? blankToNull(r.get(PATIENT)) : null, blankToNull(r.get(PREDICTED)), p,
                r.get(GATE), distance.isEmpty() ? null : parse(file, r, FEATURE_DISTANCE),
                header.containsKey(VIEW) ? blankToNull(r.get(VIEW)) : null, error);
    }

    private static double parse(Path file, CSVRecord r, String column) {
        try {
            return Double.parseDouble(r.get(column));
        } catch (NumberFormatException e) {
            throw new BatchException(file + " line " + (r.getRecordNumber() + 1) + ", column '" + column + "': '"
                    + r.get(column) + "' is not a number.");
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.8f", v);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
