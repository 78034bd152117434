package org.covidxray.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The positive class against the rest on one data source's images. When classes come from different
 * collections the pooled numbers hide the shortcut a model may take ("adult image, so COVID-19");
 * specificity on one source's negatives is what shows it.
 *
 * @param source the data source ({@code "(none)"} when samples carry none)
 * @param sensitivity positives of this source called positive, with a Wilson interval
 * @param specificity negatives of this source called negative, with a Wilson interval
 * @param auc the positive class's AUC within this source (NaN when it has only one of the two)
 */
public record SourceRates(String source, Rate sensitivity, Rate specificity, double auc) {

    /**
     * Splits by source, in source name order.
     *
     * @param sources the source of each image
     * @param labels 1 for the positive class, 0 otherwise
     * @param scores the positive class's probability
     * @param threshold positive when the score is at least this
     */
    public static List<SourceRates> of(List<String> sources, int[] labels, double[] scores, double threshold) {
        if (sources.size() != labels.length || labels.length != scores.length) {
            throw new MetricsInputException(sources.size() + " sources, " + labels.length + " labels and "
                    + scores.length + " scores: give one of each per image");
        }
        Map<String, List<Integer>> bySource = new TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            bySource.computeIfAbsent(sources.get(i), k -> new ArrayList<>()).add(i);
        }
        List<SourceRates> out = new ArrayList<>();
        bySource.forEach((source, indices) -> {
            int[] l = new int[indices.size()];
            double[] s = new double[indices.size()];
            long tp = 0;
            long fp = 0;
            long positives = 0;
            for (int k = 0; k < l.length; k++) {
                l[k] = labels[indices.get(k)];
                s[k] = scores[indices.get(k)];
                boolean called = s[k] >= threshold;
                positives += l[k];
                tp += l[k] == 1 && called ? 1 : 0;
                fp += l[k] == 0 && called ? 1 : 0;
            }
            long negatives = l.length - positives;
            out.add(new SourceRates(source, Rate.of(tp, positives), Rate.of(negatives - fp, negatives),
                    RocAuc.binary(l, s)));
        });
        return out;
    }

    /** Several sources' images as one row (e.g. every source of a held-out part). */
    public static SourceRates pooled(String name, List<SourceRates> rows) {
        long tp = 0;
        long positives = 0;
        long tn = 0;
        long negatives = 0;
        for (SourceRates r : rows) {
            tp += r.sensitivity().successes();
            positives += r.sensitivity().trials();
            tn += r.specificity().successes();
            negatives += r.specificity().trials();
        }
        return new SourceRates(name, Rate.of(tp, positives), Rate.of(tn, negatives), Double.NaN);
    }
}
