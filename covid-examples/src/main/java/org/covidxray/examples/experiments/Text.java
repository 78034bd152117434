package org.covidxray.examples.experiments;

import java.util.List;
import java.util.Locale;
import org.covidxray.metrics.ConfidenceInterval;

/** Number formatting for the Markdown summaries: undefined values read "n/a", never 0. */
final class Text {
    private Text() {
    }

    static String percent(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }

    static String percentRange(double lower, double upper) {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f–%.1f%%", 100 * lower, 100 * upper);
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** "0.912 (95% CI 0.870–0.948)". */
    static String withInterval(ConfidenceInterval ci, int decimals) {
        if (ci == null || Double.isNaN(ci.estimate())) {
            return "n/a";
        }
        String range = ci.isDefined() ? number(ci.lower(), decimals) + "–" + number(ci.upper(), decimals) : "n/a";
        return number(ci.estimate(), decimals) + " (95% CI " + range + ")";
    }

    /** "91.2% (95% CI 87.0–94.8%)". */
    static String percentWithInterval(ConfidenceInterval ci) {
        if (ci == null || Double.isNaN(ci.estimate())) {
            return "n/a";
        }
        return percent(ci.estimate()) + " (95% CI " + percentRange(ci.lower(), ci.upper()) + ")";
    }

    /** A Markdown table. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> out.append(" --- |"));
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** Per-class sensitivity and PPV, a Markdown table. */
    static String classRatesTable(java.util.List<org.covidxray.metrics.ClassRates> rates) {
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        rates.forEach(r -> rows.add(java.util.List.of(r.className(), r.sensitivity().text(), r.ppv().text())));
        return table(java.util.List.of("class", "sensitivity", "PPV"), rows);
    }

    /** A cross-validation's pooled repeats and its single folds, a Markdown table. */
    static String crossValidationTable(org.covidxray.evaluation.CrossValidation cv) {
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        for (int r = 0; r < cv.rates().size(); r++) {
            org.covidxray.metrics.BinaryRates b = cv.rates().get(r);
            rows.add(java.util.List.of("repeat " + (r + 1) + " (pooled)", b.accuracy().text(), b.sensitivity().text(),
                    b.specificity().text(), number(cv.aucs().get(r), 3)));
        }
        double min = cv.foldAccuracies().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = cv.foldAccuracies().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        rows.add(java.util.List.of("per fold (" + cv.foldAccuracies().size() + " folds)", String.format(Locale.ROOT,
                "mean %s, SD %s, range %s–%s", percent(cv.meanFoldAccuracy()), percent(cv.sdFoldAccuracy()),
                percent(min), percent(max)), "", "", ""));
        return table(java.util.List.of("", "accuracy", "sensitivity", "specificity", "AUC"), rows);
    }
}
