package org.covidxray.examples.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.covidxray.batch.BatchCsv;
import org.covidxray.examples.common.UserException;

/**
 * Reads any model's predictions from a CSV file for {@code covid metrics}, in one of two shapes:
 * <ul>
 *   <li>a label column and a score column (binary: the score is the probability of the positive class);
 *       labels are 0/1, or class names with {@code --positive} naming the positive one;</li>
 *   <li>a label column and one probability column per class, named {@code p_<class>} (what
 *       {@code covid evaluate} writes to {@code predictions.csv}).</li>
 * </ul>
 * An optional patient column lets confidence intervals resample patients rather than images (a row whose
 * patient is empty counts as its own patient). Rows with a
 * non-empty {@code error} column (images {@code covid predict --out} could not predict) are left out and
 * counted.
 */
final class PredictionsCsv {
    static final String PROBABILITY_PREFIX = BatchCsv.PROBABILITY_PREFIX;

    /**
     * Labels and probabilities in class order, ready for the metrics.
     *
     * @param classNames classes; for a score column: the negative class, then the positive one
     * @param labels true class index per row
     * @param probabilities one row per line of the file, one column per class
     * @param patients patient id per row, or {@code null} when the file has none
     * @param withError rows left out because their {@code error} column is not empty
     * @param files the image of each row (column {@code file}, else {@code path}), or {@code null} when the file
     *     has neither
     */
    record Scores(List<String> classNames, int[] labels, double[][] probabilities, String[] patients, int withError,
                  String[] files) {
        Scores with(int errorRows, String[] rowFiles) {
            return new Scores(classNames, labels, probabilities, patients, errorRows, rowFiles);
        }

        /** Each row's probability of class {@code c}. */
        double[] scores(int c) {
            double[] s = new double[labels.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = probabilities[i][c];
            }
            return s;
        }
    }

    /** Column naming each row's data source, which {@code --source} selects on. */
    static final String SOURCE = "source";
    private static final List<String> FILE_COLUMNS = List.of("file", BatchCsv.PATH);

    private PredictionsCsv() {
    }

    static Scores read(Path file, String labelColumn, String scoreColumn, String positive, String patientColumn) {
        return read(file, labelColumn, scoreColumn, positive, patientColumn, null);
    }

    /**
     * As above, keeping only the rows whose {@value #SOURCE} column is one of {@code sources} ({@code null}:
     * every row).
     */
    static Scores read(Path file, String labelColumn, String scoreColumn, String positive, String patientColumn,
                       Set<String> sources) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).setTrim(true).get().parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            require(file, header, labelColumn, "--label-column");
            boolean hasPatients = patientColumn != null && header.containsKey(patientColumn);
            List<CSVRecord> all = parser.getRecords();
            if (all.isEmpty()) {
                throw new UserException(file + " has a header but no rows.");
            }
            List<CSVRecord> records = header.containsKey(BatchCsv.ERROR)
                    ? all.stream().filter(r -> r.get(BatchCsv.ERROR).isEmpty()).toList() : all;
            if (records.isEmpty()) {
                throw new UserException("Every row of " + file + " has an error (column '" + BatchCsv.ERROR
                        + "'): there is no prediction to evaluate.");
            }
            int withError = all.size() - records.size();
            if (sources != null) {
                require(file, header, SOURCE, "--source");
                records = records.stream().filter(r -> sources.contains(r.get(SOURCE))).toList();
                if (records.isEmpty()) {
                    throw new UserException(file + " has no row of source " + sources + " (column '" + SOURCE
                            + "'). Name sources that occur in it.");
                }
            }
            String fileColumn = FILE_COLUMNS.stream().filter(header::containsKey).findFirst().orElse(null);
            String[] files = fileColumn == null ? null
                    : records.stream().map(r -> r.get(fileColumn)).toArray(String[]::new);
            // an empty patient is an unknown one: the image is its own patient, as when the file has no such column
            String[] patients = hasPatients ? records.stream().map(r -> r.get(patientColumn).isEmpty()
                    ? "line " + (r.getRecordNumber() + 1) : r.get(patientColumn)).toArray(String[]::new) : null;
            boolean scoreMode = scoreColumn != null || header.containsKey("score");
            if (scoreMode) {
                String column = scoreColumn == null ? "score" : scoreColumn;
                require(file, header, column, "--score-column");
                return binary(file, records, labelColumn, column, positive, patients).with(withError, files);
            }
            List<String> classes = header.keySet().stream().filter(h -> h.startsWith(PROBABILITY_PREFIX))
                    .map(h -> h.substring(PROBABILITY_PREFIX.length())).toList();
            if (classes.size() < 2) {
                throw new UserException(file + " has neither a score column ('score', or name one with --score-column)"
                        + " nor probability columns 'p_<class>' (at least two). Its columns are " + header.keySet() + ".");
            }
            return multiClass(file, records, labelColumn, classes, patients).with(withError, files);
        } catch (NoSuchFileException e) {
            throw new UserException("Predictions file " + file + " does not exist.", e);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new UserException("Predictions file " + file + " is not a readable CSV file: " + e.getMessage(), e);
        }
    }

    private static Scores binary(Path file, List<CSVRecord> records, String labelColumn, String scoreColumn,
                                 String positive, String[] patients) {
        Set<String> values = new LinkedHashSet<>();
        records.forEach(r -> values.add(r.get(labelColumn)));
        String positiveLabel;
        String negativeLabel;
        if (positive != null) {
            if (!values.contains(positive)) {
                throw new UserException(file + ": --positive '" + positive + "' never occurs in column '" + labelColumn
                        + "' (values: " + values + ").");
            }
            positiveLabel = positive;
            List<String> others = values.stream().filter(v -> !v.equals(positive)).toList();
            if (others.size() > 1) {
                throw new UserException(file + ": a score column needs two label values, found " + values
                        + ". Use one probability column per class (p_<class>) for more classes.");
            }
            negativeLabel = others.isEmpty() ? "not " + positive : others.get(0);
        } else if (values.stream().allMatch(v -> v.equals("0") || v.equals("1"))) {
            positiveLabel = "1";
            negativeLabel = "0";
        } else {
            throw new UserException(file + ": labels in column '" + labelColumn + "' are " + values
                    + "; name the positive class with --positive.");
        }
        int[] labels = new int[records.size()];
        double[][] probabilities = new double[records.size()][];
        for (int i = 0; i < labels.length; i++) {
            CSVRecord r = records.get(i);
            labels[i] = r.get(labelColumn).equals(positiveLabel) ? 1 : 0;
            double score = number(file, r, scoreColumn);
            if (score < 0 || score > 1) {
                throw new UserException(file + " line " + (r.getRecordNumber() + 1) + ": score " + score
                        + " is not a probability in [0, 1].");
            }
            probabilities[i] = new double[] {1 - score, score};
        }
        return new Scores(List.of(negativeLabel, positiveLabel), labels, probabilities, patients, 0, null);
    }

    private static Scores multiClass(Path file, List<CSVRecord> records, String labelColumn, List<String> classes,
                                     String[] patients) {
        int[] labels = new int[records.size()];
        double[][] probabilities = new double[records.size()][classes.size()];
        for (int i = 0; i < labels.length; i++) {
            CSVRecord r = records.get(i);
            String label = r.get(labelColumn);
            int index = classes.indexOf(label);
            if (index < 0 && label.matches("\\d+") && Integer.parseInt(label) < classes.size()) {
                index = Integer.parseInt(label);
            }
            if (label.isEmpty()) {
                throw new UserException(file + " line " + (r.getRecordNumber() + 1) + ": the label column '"
                        + labelColumn + "' is empty. Evaluate only labelled images (give 'covid predict --list' a "
                        + "list with a 'label' column).");
            }
            if (index < 0) {
                throw new UserException(file + " line " + (r.getRecordNumber() + 1) + ": label '" + label
                        + "' is not one of the classes " + classes + " (from the p_<class> columns).");
            }
            labels[i] = index;
            for (int c = 0; c < classes.size(); c++) {
                probabilities[i][c] = number(file, r, PROBABILITY_PREFIX + classes.get(c));
            }
        }
        return new Scores(classes, labels, probabilities, patients, 0, null);
    }

    private static double number(Path file, CSVRecord r, String column) {
        String text = r.get(column);
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserException(file + " line " + (r.getRecordNumber() + 1) + ", column '" + column + "': '"
                    + text + "' is not a number.");
        }
    }

    private static void require(Path file, Map<String, Integer> header, String column, String option) {
        if (!header.containsKey(column)) {
            throw new UserException(file + " has no column '" + column + "' (name it with " + option
                    + "). Its columns are " + header.keySet() + ".");
        }
    }
}
