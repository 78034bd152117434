package org.covidxray.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.covidxray.metrics.RocAuc;
import org.covidxray.model.ModelCard;

/**
 * The positive class against the rest on one data source's images (the samples' {@code source}
 * attribute). When classes come from different collections the pooled numbers hide the shortcut a model
 * may take ("adult image, so COVID-19"); specificity on one source's negatives is what shows it.
 *
 * @param source the data source ({@code "(none)"} when samples carry none)
 * @param sensitivity positives of this source called positive, with a Wilson interval
 * @param specificity negatives of this source called negative, with a Wilson interval
 * @param auc the positive class's AUC within this source (NaN when it has only one of the two)
 */
public record SourceRates(String source, Rate sensitivity, Rate specificity, double auc) {

    /**
     * Splits predictions by source, in source name order.
     *
     * @param predictions the model's probabilities with their samples
     * @param positiveIndex index of the positive class
     * @param threshold positive when its probability is at least this
     */
    public static List<SourceRates> of(DatasetPredictions predictions, int positiveIndex, double threshold) {
        List<String> sources = predictions.sources();
        Map<String, List<Integer>> bySource = new TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            bySource.computeIfAbsent(sources.get(i), k -> new ArrayList<>()).add(i);
        }
        int[] labels = predictions.isClass(positiveIndex);
        double[] scores = predictions.scores(positiveIndex);
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

    /** The model card's form of this row. */
    public ModelCard.SourceResult toCard() {
        return new ModelCard.SourceResult(source, (int) sensitivity.trials(), (int) sensitivity.successes(),
                (int) specificity.trials(), (int) (specificity.trials() - specificity.successes()),
                Evaluation.estimate(sensitivity.interval()), Evaluation.estimate(specificity.interval()));
    }
}
