package org.covidxray.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.WilsonInterval;

/**
 * Sensitivity and specificity for the positive class, per data source (the {@code source}
 * attribute of the samples). When classes come from different collections, the pooled numbers hide
 * the shortcut a model may take: "adult image, so COVID-19". Specificity on one source's negatives
 * (e.g. Cohen's adult non-COVID X-rays) is what shows it.
 *
 * @param source the data source ({@code "(none)"} when samples carry none)
 * @param positives images of the positive class from this source
 * @param truePositives of those, called positive
 * @param negatives images of other classes from this source
 * @param falsePositives of those, called positive
 * @param sensitivity truePositives / positives with a 95% Wilson interval (NaN when no positives)
 * @param specificity (negatives - falsePositives) / negatives with a 95% Wilson interval
 */
record SourceBreakdown(String source, int positives, int truePositives, int negatives, int falsePositives,
                       ConfidenceInterval sensitivity, ConfidenceInterval specificity) {

    /**
     * Splits predictions by source.
     *
     * @param dataset the evaluated data (to find each image's source by its id)
     * @param predictions the model's probabilities for it
     * @param positiveIndex index of the positive class
     * @param threshold positive when its probability is at least this
     */
    static List<SourceBreakdown> of(Dataset dataset, DatasetPredictions predictions, int positiveIndex,
                                    double threshold) {
        Map<String, String> sourceById = new LinkedHashMap<>();
        for (Sample s : dataset.samples()) {
            String source = s.attribute(Sample.SOURCE);
            sourceById.put(s.id(), source.isEmpty() ? "(none)" : source);
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < predictions.size(); i++) {
            String source = sourceById.getOrDefault(predictions.ids().get(i), "(none)");
            int[] c = counts.computeIfAbsent(source, k -> new int[4]);
            boolean called = predictions.probabilities()[i][positiveIndex] >= threshold;
            if (predictions.labels()[i] == positiveIndex) {
                c[0]++;
                c[1] += called ? 1 : 0;
            } else {
                c[2]++;
                c[3] += called ? 1 : 0;
            }
        }
        List<SourceBreakdown> result = new ArrayList<>();
        counts.forEach((source, c) -> result.add(new SourceBreakdown(source, c[0], c[1], c[2], c[3],
                WilsonInterval.of(c[1], c[0]), WilsonInterval.of(c[2] - c[3], c[2]))));
        return result;
    }

    /** One line per source, for people. */
    static String toText(List<SourceBreakdown> rows, String positiveClass) {
        StringBuilder text = new StringBuilder(positiveClass + " against the rest, by data source "
                + "(95% Wilson intervals, images treated as independent):\n");
        for (SourceBreakdown r : rows) {
            text.append(String.format(Locale.ROOT, "  %-10s sensitivity %s (%d/%d)   specificity %s (%d/%d)%n",
                    r.source(), format(r.sensitivity()), r.truePositives(), r.positives(), format(r.specificity()),
                    r.negatives() - r.falsePositives(), r.negatives()));
        }
        return text.toString();
    }

    /** The model card's form: one map per source. */
    static List<Map<String, Object>> toCard(List<SourceBreakdown> rows) {
        List<Map<String, Object>> card = new ArrayList<>();
        for (SourceBreakdown r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("source", r.source());
            row.put("positives", r.positives());
            row.put("truePositives", r.truePositives());
            row.put("negatives", r.negatives());
            row.put("falsePositives", r.falsePositives());
            row.put("sensitivity", interval(r.sensitivity()));
            row.put("specificity", interval(r.specificity()));
            card.add(row);
        }
        return card;
    }

    private static Map<String, Object> interval(ConfidenceInterval ci) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("estimate", finite(ci.estimate()));
        map.put("lower", finite(ci.lower()));
        map.put("upper", finite(ci.upper()));
        return map;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String format(ConfidenceInterval ci) {
        if (Double.isNaN(ci.estimate())) {
            return "n/a          ";
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", ci.estimate(), ci.lower(), ci.upper());
    }
}
