package org.covidxray.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.covidxray.evaluation.LookShiftResult;
import org.covidxray.evaluation.LookShiftResults;
import org.covidxray.examples.common.UserException;
import org.covidxray.image.AppearanceShift;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.Rate;

/** {@code --look-shift} values to shifts, and the results as a table for people and as JSON fields. */
final class LookShifts {
    static final String PRESETS = "presets";

    private LookShifts() {
    }

    /**
     * Each value is {@code presets} (every preset), a comma list of preset names, or one shift of changes
     * {@code key=value} (commas join its changes); a bad one is a one-line error naming the value.
     */
    static List<AppearanceShift> parse(List<String> values) {
        Map<String, AppearanceShift> out = new LinkedHashMap<>();
        for (String value : values) {
            String v = value.trim();
            try {
                if (v.contains("=")) {
                    AppearanceShift s = AppearanceShift.parse(v);
                    out.put(s.name(), s);
                    continue;
                }
                for (String name : v.split(",")) {
                    if (name.trim().equalsIgnoreCase(PRESETS)) {
                        AppearanceShift.presets().forEach(s -> out.put(s.name(), s));
                    } else {
                        AppearanceShift s = AppearanceShift.parse(name.trim());
                        out.put(s.name(), s);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new UserException("--look-shift " + value + ": " + e.getMessage() + ".", e);
            }
        }
        return new ArrayList<>(out.values());
    }

    static String toText(LookShiftResults r) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%nLook shifts (%s against the rest, the model's threshold P(%s) >= %.3f (%s), not re-chosen; AUC with "
                        + "a 95%% patient-bootstrap interval, rates with 95%% Wilson intervals; drift = mean change of "
                        + "P(%s)):%n", r.positiveClass(), r.positiveClass(), r.threshold(), r.thresholdSource(),
                r.positiveClass()));
        text.append(String.format(Locale.ROOT, "  %-30s %6s %-22s %-28s %-28s %7s%n", "shift", "images", "AUC",
                "sensitivity", "specificity", "drift"));
        for (LookShiftResult row : r.rows()) {
            text.append(String.format(Locale.ROOT, "  %-30s %6d %-22s %-28s %-28s %+7.3f%n", row.shift(), row.images(),
                    interval(row.auc()), rate(row.sensitivity()), rate(row.specificity()), row.meanDrift()));
        }
        return text.toString();
    }

    /** The results as plain maps for metrics.json (undefined values as null). */
    static Map<String, Object> toJson(LookShiftResults r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("positiveClass", r.positiveClass());
        m.put("threshold", r.threshold());
        m.put("thresholdSource", r.thresholdSource());
        m.put("seed", r.seed());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LookShiftResult row : r.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("shift", row.shift());
            x.put("changes", row.changes());
            x.put("images", row.images());
            x.put("patients", row.patients());
            x.put("auc", ci(row.auc()));
            x.put("sensitivity", rateJson(row.sensitivity()));
            x.put("specificity", rateJson(row.specificity()));
            x.put("meanDrift", finite(row.meanDrift()));
            x.put("meanAbsDrift", finite(row.meanAbsDrift()));
            x.put("failed", row.failed());
            rows.add(x);
        }
        m.put("rows", rows);
        return m;
    }

    private static Map<String, Object> rateJson(Rate r) {
        Map<String, Object> m = ci(r.interval());
        m.put("successes", r.successes());
        m.put("trials", r.trials());
        return m;
    }

    private static Map<String, Object> ci(ConfidenceInterval ci) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimate", ci == null ? null : finite(ci.estimate()));
        m.put("lower", ci == null ? null : finite(ci.lower()));
        m.put("upper", ci == null ? null : finite(ci.upper()));
        m.put("method", ci == null ? null : ci.method());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String interval(ConfidenceInterval ci) {
        if (ci == null || Double.isNaN(ci.estimate())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", ci.estimate(), ci.lower(), ci.upper());
    }

    private static String rate(Rate r) {
        if (r.trials() == 0) {
            return "n/a (0)";
        }
        ConfidenceInterval ci = r.interval();
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] %d/%d", ci.estimate(), ci.lower(), ci.upper(),
                r.successes(), r.trials());
    }
}
