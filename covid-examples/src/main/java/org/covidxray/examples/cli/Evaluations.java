package org.covidxray.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.covidxray.data.DatasetSummary;
import org.covidxray.examples.model.DecisionRule;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.report.EvaluationReport;
import org.covidxray.report.ReportWriter;
import org.covidxray.report.WrittenReport;
import org.covidxray.training.TrainingHistory;

/**
 * How the commands compute, print and file an evaluation ({@link EvaluationReport}): which class counts
 * as positive, which threshold applies, the text a person reads, the report folder and the model-card
 * summary. Shared by {@code evaluate}, {@code metrics} and the test part of {@code train}.
 */
final class Evaluations {
    /** The positive class when the user names none: the disease the project is about. */
    static final String USUAL_POSITIVE = "covid";

    private Evaluations() {
    }

    /**
     * The class whose sensitivity and specificity are reported: the one given, else the one the model's
     * decision rule thresholds, else {@code covid}, else the second class (the positive one of a 0/1 pair).
     */
    static String positiveClass(List<String> classNames, String given, DecisionRule rule) {
        if (given != null) {
            if (!classNames.contains(given)) {
                throw new UserException("--positive '" + given + "' is not one of the classes " + classNames + ".");
            }
            return given;
        }
        if (rule.isThreshold() && classNames.contains(rule.positiveClass())) {
            return rule.positiveClass();
        }
        return classNames.contains(USUAL_POSITIVE) ? USUAL_POSITIVE : classNames.get(Math.min(1, classNames.size() - 1));
    }

    /**
     * The threshold on the positive class's probability: given, else the model's rule, else 0.5; and a
     * sentence on where it came from.
     */
    static Threshold threshold(String positive, Double given, DecisionRule rule) {
        if (given != null) {
            if (!(given >= 0 && given <= 1)) {
                throw new UserException("--threshold must be a probability between 0 and 1, not " + given + ".");
            }
            return new Threshold(given, "given on the command line");
        }
        if (rule.isThreshold() && rule.positiveClass().equals(positive)) {
            return new Threshold(rule.threshold(), rule.method().isEmpty() ? "from the model card" : rule.method());
        }
        return new Threshold(0.5, "default");
    }

    /**
     * A threshold and its origin.
     *
     * @param value positive when the probability is at least this
     * @param source where it came from, for people
     */
    record Threshold(double value, String source) {
    }

    static EvaluationReport compute(List<String> classNames, int[] labels, double[][] probabilities, String[] patients,
                                    String positive, Threshold threshold, long seed) {
        if (labels.length == 0) {
            throw new UserException("There is no labelled image to evaluate.");
        }
        return EvaluationReport.compute(classNames, labels, probabilities, patients, positive, threshold.value(), seed);
    }

    /** The report folder: metrics.json, PNG charts and report.html. */
    static WrittenReport write(Path folder, EvaluationReport report, DatasetSummary data, String command,
                               TrainingHistory history) {
        EvaluationReport full = report.withCommandLine(command);
        if (data != null) {
            full = full.withData(data);
        }
        return new ReportWriter().write(folder, full, history);
    }

    /** The evaluation as a person reads it in a terminal. */
    static String toText(EvaluationReport r, Threshold threshold) {
        StringBuilder out = new StringBuilder();
        out.append(r.images()).append(" images of ").append(r.patients()).append(" patients.\n\n");
        out.append("Most probable class:\n").append(r.classificationReport().toText());
        out.append(String.format(Locale.ROOT, "accuracy %s, macro one-vs-rest AUC %s%n", interval(r.accuracy()),
                interval(r.macroAuc())));
        out.append("\nConfusion matrix (rows = true class, columns = predicted class):\n");
        List<String> names = r.classNames();
        int width = Math.max(9, names.stream().mapToInt(String::length).max().orElse(0) + 1);
        out.append(String.format(Locale.ROOT, "  %-" + width + "s", ""));
        names.forEach(c -> out.append(String.format(Locale.ROOT, " %" + width + "s", c)));
        out.append('\n');
        int[][] counts = r.confusionMatrix().counts();
        for (int t = 0; t < names.size(); t++) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s", names.get(t)));
            for (int p = 0; p < names.size(); p++) {
                out.append(String.format(Locale.ROOT, " %" + width + "d", counts[t][p]));
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%n%s against the rest, threshold used: P(%s) >= %.3f (%s):%n",
                r.positiveClass(), r.positiveClass(), r.threshold(), threshold.source()));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("sensitivity", "sensitivity");
        labels.put("specificity", "specificity");
        labels.put("precision", "precision (PPV)");
        labels.put("npv", "NPV");
        labels.put("f1", "F1");
        labels.put("auc", "AUC");
        labels.put("averagePrecision", "average precision");
        labels.forEach((key, label) -> out.append(String.format(Locale.ROOT, "  %-18s %s%n", label,
                interval(r.binaryIntervals().get(key)))));
        out.append(String.format(Locale.ROOT, "  %-18s %s%n", "Brier score", Text.num(r.brierScore())));
        out.append(String.format(Locale.ROOT, "  confusion: TP %d, FN %d, TN %d, FP %d%n", r.binary().truePositives(),
                r.binary().falseNegatives(), r.binary().trueNegatives(), r.binary().falsePositives()));
        if (r.youden() != null && !Double.isNaN(r.youden().threshold())) {
            out.append(String.format(Locale.ROOT, "  (Youden's J on this same data would pick %.3f: optimistic, "
                    + "for information only)%n", r.youden().threshold()));
        }
        ConfidenceInterval any = r.accuracy();
        out.append(String.format(Locale.ROOT, "Intervals: %.0f%% %s, %d resamples, seed %d.%n", 100 * any.level(),
                any.method(), any.resamples(), r.seed()));
        return out.toString();
    }

    /** What a model card keeps of a test evaluation: each metric as {value, low, high}. */
    static Map<String, Object> toCard(EvaluationReport r, Threshold threshold) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("images", r.images());
        card.put("patients", r.patients());
        card.put("accuracy", cardValue(r.accuracy()));
        card.put("macroAuc", cardValue(r.macroAuc()));
        card.put("positiveClass", r.positiveClass());
        card.put("threshold", r.threshold());
        card.put("thresholdSource", threshold.source());
        r.binaryIntervals().forEach((name, ci) -> card.put(r.positiveClass() + " " + name, cardValue(ci)));
        card.put("intervals", String.format(Locale.ROOT, "%.0f%% %s", 100 * r.accuracy().level(), r.accuracy().method()));
        return card;
    }

    static String interval(ConfidenceInterval ci) {
        if (ci == null || Double.isNaN(ci.estimate())) {
            return "n/a";
        }
        return Text.num(ci.estimate()) + " [" + Text.num(ci.lower()) + ", " + Text.num(ci.upper()) + "]";
    }

    private static Map<String, Object> cardValue(ConfidenceInterval ci) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", nullIfNaN(ci.estimate()));
        v.put("low", nullIfNaN(ci.lower()));
        v.put("high", nullIfNaN(ci.upper()));
        return v;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
