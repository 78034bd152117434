package org.covidxray.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.covidxray.data.DatasetSummary;
import org.covidxray.evaluation.EvaluationOptions;
import org.covidxray.evaluation.Evaluator;
import org.covidxray.examples.common.UserException;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.Rate;
import org.covidxray.metrics.SourceRates;
import org.covidxray.model.TrainingHistory;
import org.covidxray.report.EvaluationReport;
import org.covidxray.report.ReportWriter;
import org.covidxray.report.RunContext;
import org.covidxray.report.WrittenReport;

/**
 * How the commands print and file an evaluation of the library's {@link Evaluator}: the text a person
 * reads, the report folder, the per-source lines. Shared by {@code evaluate}, {@code metrics} and the
 * test part of {@code train}.
 */
public final class Evaluations {
    private Evaluations() {
    }

    /** The library's options from the command line's positive class, threshold and seed. */
    public static EvaluationOptions options(String positive, Double threshold, long seed) {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new UserException("--threshold must be a probability between 0 and 1, not " + threshold + ".");
        }
        return EvaluationOptions.defaults().withPositiveClass(positive).withThreshold(threshold).withSeed(seed);
    }

    /** The report folder: metrics.json, PNG charts and report.html. */
    static WrittenReport write(Path folder, EvaluationReport report, DatasetSummary data, String command,
                               TrainingHistory history) {
        return new ReportWriter().write(folder, report, new RunContext("", data, command, history));
    }

    /** The evaluation as a person reads it in a terminal. */
    public static String toText(EvaluationReport r, EvaluationOptions.Threshold threshold) {
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

    static String interval(ConfidenceInterval ci) {
        if (ci == null || Double.isNaN(ci.estimate())) {
            return "n/a";
        }
        return Text.num(ci.estimate()) + " [" + Text.num(ci.lower()) + ", " + Text.num(ci.upper()) + "]";
    }

    /** The positive class against the rest per data source, one line each, for people. */
    static String sourcesText(List<SourceRates> rows, String positiveClass) {
        StringBuilder text = new StringBuilder(positiveClass + " against the rest, by data source "
                + "(95% Wilson intervals, images treated as independent):\n");
        for (SourceRates r : rows) {
            text.append(String.format(Locale.ROOT, "  %-22s sensitivity %s (%d/%d)   specificity %s (%d/%d)   AUC %s%n",
                    r.source(), rate(r.sensitivity()), r.sensitivity().successes(), r.sensitivity().trials(),
                    rate(r.specificity()), r.specificity().successes(), r.specificity().trials(), Text.num(r.auc())));
        }
        return text.toString();
    }

    private static String rate(Rate r) {
        ConfidenceInterval ci = r.interval();
        if (Double.isNaN(ci.estimate())) {
            return "n/a          ";
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", ci.estimate(), ci.lower(), ci.upper());
    }
}
