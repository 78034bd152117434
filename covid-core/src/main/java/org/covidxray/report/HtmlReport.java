package org.covidxray.report;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.covidxray.data.DatasetSummary;
import org.covidxray.metrics.BinaryMetrics;
import org.covidxray.metrics.ClassScores;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.Rate;
import org.covidxray.metrics.SourceRates;
import org.covidxray.model.TrainingHistory;

/**
 * One self-contained HTML page: styles inline, charts inlined as {@code data:} URIs, no script and no
 * reference to anything outside the file, so it can be mailed, archived or opened offline.
 */
final class HtmlReport {
    private static final String CSS = String.join("\n",
            "body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}",
            ".disclaimer{border:2px solid #b00;background:#fee;padding:.8em 1em;font-weight:bold}",
            "table{border-collapse:collapse;margin:.5em 0 1.5em}",
            "th,td{border:1px solid #ccc;padding:.3em .7em;text-align:right}",
            "th:first-child,td:first-child{text-align:left}",
            "th{background:#f3f3f3}",
            "img{max-width:100%;height:auto;border:1px solid #ddd;margin:.5em 0}",
            "code,pre{background:#f6f6f6;padding:.2em .4em;white-space:pre-wrap;word-break:break-all}",
            ".note{color:#555;font-size:.9em}");

    private final StringBuilder out = new StringBuilder(1 << 16);

    private HtmlReport() {
    }

    /**
     * @param charts PNG bytes by caption, in display order
     * @param history training curves' history, or {@code null}
     */
    static String render(EvaluationReport report, Map<String, byte[]> charts, TrainingHistory history) {
        return new HtmlReport().page(report, charts, history);
    }

    private String page(EvaluationReport r, Map<String, byte[]> charts, TrainingHistory history) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape("covid-xray evaluation" + (r.modelName().isEmpty() ? "" : ": " + r.modelName())))
                .append("</title>\n<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
        out.append("<p class=\"disclaimer\">").append(escape(EvaluationReport.DISCLAIMER)).append("</p>\n");
        out.append("<h1>Evaluation report</h1>\n");
        provenance(r);
        binarySummary(r);
        bySource(r);
        multiclass(r);
        for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
            out.append("<h2>").append(escape(chart.getKey())).append("</h2>\n<img alt=\"")
                    .append(escape(chart.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(chart.getValue())).append("\">\n");
            if (history != null && chart.getKey().startsWith("Training")) {
                out.append("<p class=\"note\">Kept epoch ").append(history.bestEpoch()).append(" of ")
                        .append(history.epochs().size()).append("; training ended: ")
                        .append(escape(history.stopReason())).append(".</p>\n");
            }
        }
        methods(r);
        out.append("<p class=\"disclaimer\">").append(escape(EvaluationReport.DISCLAIMER)).append("</p>\n");
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private void provenance(EvaluationReport r) {
        out.append("<h2>Provenance</h2>\n<table>\n");
        row("Model", r.modelName().isEmpty() ? "n/a" : r.modelName());
        DatasetSummary d = r.data();
        row("Data set", d == null || d.name().isEmpty() ? "n/a" : d.name());
        row("Images", Integer.toString(r.images()));
        row("Patients", Integer.toString(r.patients()));
        StringBuilder perClass = new StringBuilder();
        for (int c = 0; c < r.classNames().size(); c++) {
            perClass.append(c == 0 ? "" : ", ").append(r.classNames().get(c)).append(": ")
                    .append(r.confusionMatrix().support(c));
        }
        row("Images per class (evaluated)", perClass.toString());
        if (d != null) {
            row("Images per class (data set)", counts(d.imagesByClass()));
            row("Patients per class (data set)", counts(d.patientsByClass()));
            row("Images and patients (data set)", d.images() + " images, " + d.patients() + " patients");
            if (!d.skipped().isEmpty()) {
                row("Rows skipped by the loader", Integer.toString(d.skipped().size()));
            }
            row("Data fingerprint", d.fingerprint() == null || d.fingerprint().isEmpty() ? "n/a" : d.fingerprint());
        }
        out.append("</table>\n");
        if (!r.commandLine().isEmpty()) {
            out.append("<p>Command line:</p>\n<pre>").append(escape(r.commandLine())).append("</pre>\n");
        }
    }

    private static String counts(Map<String, Integer> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((name, count) -> s.append(s.length() == 0 ? "" : ", ").append(name).append(": ").append(count));
        return s.toString();
    }

    /** The positive class against the rest per data source: where a model that learned the source fails. */
    private void bySource(EvaluationReport r) {
        if (r.bySource().isEmpty()) {
            return;
        }
        out.append("<h2>").append(escape(r.positiveClass())).append(" against the rest, by data source</h2>\n");
        out.append("<table>\n<tr><th>source</th><th>sensitivity</th><th>specificity</th><th>AUC within the source"
                + "</th></tr>\n");
        for (SourceRates s : r.bySource()) {
            out.append("<tr><td>").append(escape(s.source())).append("</td><td>").append(escape(rate(s.sensitivity())))
                    .append("</td><td>").append(escape(rate(s.specificity()))).append("</td><td>")
                    .append(number(s.auc())).append("</td></tr>\n");
        }
        out.append("</table>\n<p class=\"note\">95% Wilson intervals over images (several images of one patient "
                + "make them too narrow). A source with only one of the two kinds of image has only one of the "
                + "rates.</p>\n");
    }

    private static String rate(Rate rate) {
        if (rate.trials() == 0) {
            return "n/a";
        }
        return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f] (%d/%d)", rate.estimate(),
                rate.interval().lower(), rate.interval().upper(), rate.successes(), rate.trials());
    }

    private void binarySummary(EvaluationReport r) {
        BinaryMetrics b = r.binary();
        out.append("<h2>").append(escape(r.positiveClass())).append(" against the rest, threshold ")
                .append(number(r.threshold())).append("</h2>\n");
        out.append("<p>An image is called <b>").append(escape(r.positiveClass()))
                .append("</b> when its predicted probability is at least ").append(number(r.threshold()))
                .append(". TP ").append(b.truePositives()).append(", FP ").append(b.falsePositives())
                .append(", TN ").append(b.trueNegatives()).append(", FN ").append(b.falseNegatives()).append(".</p>\n");
        out.append("<table>\n<tr><th>metric</th><th>estimate</th><th>").append(levelHeader(r))
                .append("</th></tr>\n");
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("sensitivity", "sensitivity (recall)");
        labels.put("specificity", "specificity");
        labels.put("precision", "precision (PPV)");
        labels.put("npv", "negative predictive value");
        labels.put("f1", "F1");
        labels.put("accuracy", "accuracy (" + r.positiveClass() + " vs rest)");
        labels.put("auc", "ROC AUC");
        labels.put("averagePrecision", "average precision");
        labels.forEach((key, label) -> interval(label, r.binaryIntervals().get(key)));
        out.append("<tr><td>Brier score</td><td>").append(number(r.brierScore())).append("</td><td></td></tr>\n");
        out.append("<tr><td>expected calibration error</td><td>")
                .append(number(r.calibration().expectedCalibrationError())).append("</td><td></td></tr>\n");
        out.append("</table>\n");
    }

    private void multiclass(EvaluationReport r) {
        out.append("<h2>All classes</h2>\n<table>\n<tr><th>metric</th><th>estimate</th><th>").append(levelHeader(r))
                .append("</th></tr>\n");
        interval("accuracy (most probable class)", r.accuracy());
        interval("macro one-vs-rest ROC AUC", r.macroAuc());
        for (int c = 0; c < r.classNames().size(); c++) {
            out.append("<tr><td>ROC AUC ").append(escape(r.classNames().get(c))).append(" vs rest</td><td>")
                    .append(number(r.oneVsRestAuc().perClass().get(c))).append("</td><td></td></tr>\n");
        }
        out.append("<tr><td>log loss</td><td>").append(number(r.logLoss())).append("</td><td></td></tr>\n");
        out.append("</table>\n<h3>Classification report</h3>\n<table>\n")
                .append("<tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n");
        for (ClassScores c : r.classificationReport().classes()) {
            scores(c);
        }
        out.append("<tr><td>accuracy</td><td></td><td></td><td>").append(number(r.classificationReport().accuracy()))
                .append("</td><td>").append(r.images()).append("</td></tr>\n");
        scores(r.classificationReport().macroAverage());
        scores(r.classificationReport().weightedAverage());
        out.append("</table>\n");
    }

    private void methods(EvaluationReport r) {
        ConfidenceInterval any = r.accuracy();
        out.append("<h2>Method</h2>\n<p class=\"note\">");
        out.append("Confusion matrix rows are the true class, columns the predicted (most probable) class. ");
        out.append("Confidence intervals: ").append(escape(any.method())).append(", ").append(any.resamples())
                .append(" resamples, seed ").append(r.seed()).append("; resamples on which a metric is undefined ")
                .append("are skipped (sensitivity: ").append(r.binaryIntervals().get("sensitivity").undefinedResamples())
                .append(" skipped). ");
        out.append("Undefined values are shown as n/a. ");
        out.append("For information only, Youden's J on this same data would choose threshold ")
                .append(number(r.youden().threshold())).append(" (sensitivity ").append(number(r.youden().sensitivity()))
                .append(", specificity ").append(number(r.youden().specificity()))
                .append("); a threshold chosen on the test data overstates its performance.</p>\n");
    }

    private static String levelHeader(EvaluationReport r) {
        return String.format(Locale.ROOT, "%.0f%% confidence interval", 100 * r.accuracy().level());
    }

    private void interval(String label, ConfidenceInterval ci) {
        out.append("<tr><td>").append(escape(label)).append("</td><td>").append(number(ci.estimate()))
                .append("</td><td>").append(ci.isDefined() ? number(ci.lower()) + " – " + number(ci.upper()) : "n/a")
                .append("</td></tr>\n");
    }

    private void scores(ClassScores c) {
        out.append("<tr><td>").append(escape(c.name())).append("</td><td>").append(number(c.precision()))
                .append("</td><td>").append(number(c.recall())).append("</td><td>").append(number(c.f1()))
                .append("</td><td>").append(c.support()).append("</td></tr>\n");
    }

    private void row(String name, String value) {
        out.append("<tr><td>").append(escape(name)).append("</td><td>").append(escape(value)).append("</td></tr>\n");
    }

    static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(ch);
            }
        }
        return s.toString();
    }
}
