package org.covidxray.examples.cli;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Number formatting for terminal output: undefined values print as "n/a", never as 0. */
final class Text {
    private Text() {
    }

    static String num(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String num(Double value) {
        return value == null ? "n/a" : num(value.doubleValue());
    }

    static String percent(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }

    /** "COVID-19 0.912, normal 0.088". */
    static String probabilities(Map<String, Double> probabilities) {
        return probabilities.entrySet().stream()
                .map(e -> e.getKey() + " " + num(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
