package org.covidxray.evaluation;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.io.AtomicFiles;
import org.covidxray.metrics.ConfusionMatrix;
import org.covidxray.model.DecisionRule;
import org.covidxray.report.EvaluationReport;

/**
 * A model's class probabilities for every readable image of a data set, in the model's class order, with
 * the samples they belong to: the input of every metric. Immutable (arrays are copied out).
 *
 * @param classNames the model's classes (probability columns, label indices)
 * @param samples the predicted samples, in data set order
 * @param probabilities one row per sample, one column per class
 * @param failed images that could not be read, with the reason
 */
public record DatasetPredictions(List<String> classNames, List<Sample> samples, double[][] probabilities,
                                 List<FailedImage> failed) {
    /** Column prefix of the class probabilities in {@link #writeCsv(Path, DecisionRule)}. */
    public static final String PROBABILITY_PREFIX = "p_";

    public DatasetPredictions {
        classNames = List.copyOf(classNames);
        samples = List.copyOf(samples);
        probabilities = deepCopy(probabilities);
        failed = List.copyOf(failed);
        if (probabilities.length != samples.size()) {
            throw new IllegalArgumentException(probabilities.length + " probability rows for " + samples.size()
                    + " samples");
        }
    }

    public int size() {
        return samples.size();
    }

    @Override
    public double[][] probabilities() {
        return deepCopy(probabilities);
    }

    /** True class index per sample in the model's class order; -1 for unlabelled samples. */
    public int[] labels() {
        int[] labels = new int[samples.size()];
        for (int i = 0; i < labels.length; i++) {
            String label = samples.get(i).label();
            labels[i] = label == null ? -1 : classNames.indexOf(label);
        }
        return labels;
    }

    /** Patient id per sample (bootstrap intervals resample patients). */
    public String[] patients() {
        return samples.stream().map(Sample::patientId).toArray(String[]::new);
    }

    /** Data source per sample ({@code "(none)"} when a sample names none). */
    public List<String> sources() {
        return samples.stream().map(s -> s.attribute(Sample.SOURCE).isEmpty() ? "(none)" : s.attribute(Sample.SOURCE))
                .toList();
    }

    /** The probability of class {@code c} for each sample. */
    public double[] scores(int c) {
        double[] s = new double[probabilities.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = probabilities[i][c];
        }
        return s;
    }

    /** 1 where the label is class {@code c}, else 0. */
    public int[] isClass(int c) {
        int[] labels = labels();
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] == c ? 1 : 0;
        }
        return out;
    }

    /** Most probable class index per sample. */
    public int[] argmax() {
        return ConfusionMatrix.argmax(probabilities);
    }

    /** The predicted samples as a data set (e.g. for a report's data summary). */
    public Dataset asDataset(String name) {
        return new Dataset(name, classNames, samples);
    }

    /**
     * Every metric of these predictions with patient-bootstrap intervals; the binary part treats
     * {@code positiveClass} as positive at {@code threshold}.
     */
    public EvaluationReport report(String positiveClass, double threshold, long seed) {
        return EvaluationReport.compute(classNames, labels(), probabilities, patients(), positiveClass, threshold, seed);
    }

    /** The samples whose indices are given, e.g. one data source's. */
    public DatasetPredictions subset(int[] indices) {
        List<Sample> s = new ArrayList<>(indices.length);
        double[][] p = new double[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            s.add(samples.get(indices[k]));
            p[k] = probabilities[indices[k]];
        }
        return new DatasetPredictions(classNames, s, p, List.of());
    }

    /** Predictions of disjoint parts (e.g. the test folds of one cross-validation) as one. */
    public static DatasetPredictions concat(List<DatasetPredictions> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no predictions to join");
        }
        List<Sample> samples = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<FailedImage> failed = new ArrayList<>();
        for (DatasetPredictions p : parts) {
            if (!p.classNames.equals(parts.get(0).classNames)) {
                throw new IllegalArgumentException("predictions for classes " + p.classNames + " and "
                        + parts.get(0).classNames + " cannot be joined");
            }
            samples.addAll(p.samples);
            rows.addAll(List.of(p.probabilities));
            failed.addAll(p.failed);
        }
        return new DatasetPredictions(parts.get(0).classNames, samples, rows.toArray(double[][]::new), failed);
    }

    /**
     * Writes a CSV atomically: {@code id, file, patient, source, label, predicted} and one probability column
     * {@code p_<class>} per class, the format {@code covid metrics --csv} reads. {@code predicted} is the
     * class {@code rule} decides, as {@code covid predict} would print it; {@code source} is the sample's
     * data source (empty when it names none).
     */
    public void writeCsv(Path target, DecisionRule rule) {
        writeCsv(target, i -> rule);
    }

    /**
     * As {@link #writeCsv(Path, DecisionRule)}, each row decided by its own rule, e.g. the threshold of the
     * cross-validation fold whose model predicted it.
     */
    public void writeCsv(Path target, IntFunction<DecisionRule> ruleOfRow) {
        List<String> header = new ArrayList<>(List.of("id", "file", "patient", Sample.SOURCE, "label", "predicted"));
        classNames.forEach(c -> header.add(PROBABILITY_PREFIX + c));
        AtomicFiles.write(target, out -> {
            // not closed: AtomicFiles owns the stream and syncs it to disk after this returns
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader(header.toArray(String[]::new)).get());
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                DecisionRule rule = ruleOfRow.apply(i);
                List<Object> row = new ArrayList<>(List.of(s.id(), s.path().toString(), s.patientId(),
                        s.attribute(Sample.SOURCE), s.label() == null ? "" : s.label(),
                        classNames.get(rule.decide(classNames, probabilities[i]))));
                for (double p : probabilities[i]) {
                    row.add(String.format(Locale.ROOT, "%.6f", p));
                }
                csv.printRecord(row);
            }
            csv.flush();
        });
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
