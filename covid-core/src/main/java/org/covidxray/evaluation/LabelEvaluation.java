package org.covidxray.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.covidxray.data.Sample;
import org.covidxray.metrics.AveragePrecision;
import org.covidxray.metrics.BinaryRates;
import org.covidxray.metrics.RocAuc;
import org.covidxray.model.DecisionRule;

/**
 * A multi-label model evaluated label by label: for every label of the model that is also a class of the
 * data (names compared ignoring case), the images of that class are its positives and every other image
 * a negative; the label's score is ranked (ROC AUC, average precision) and decided at the label's own
 * threshold (sensitivity, specificity). Labels the data has no images of are listed in
 * {@link #unmatchedLabels()}, not scored. There is no "predicted class" and no confusion matrix: the
 * scores are independent and do not sum to 1. Immutable.
 *
 * @param labels one result per label the data has images of, in the model's label order
 * @param unmatchedLabels the model's labels that no class of the data names
 * @param images the labelled images evaluated
 */
public record LabelEvaluation(List<LabelResult> labels, List<String> unmatchedLabels, int images) {

    public LabelEvaluation {
        labels = List.copyOf(labels);
        unmatchedLabels = List.copyOf(unmatchedLabels);
    }

    /**
     * One label's results. Undefined values (AUC with no positives or no negatives) are NaN (JSON {@code null}).
     *
     * @param label the model's label
     * @param dataClass the class of the data it was matched with
     * @param threshold the label's decision threshold
     * @param positives images of {@code dataClass}
     * @param negatives the other images
     * @param auc ROC AUC of the label's score
     * @param averagePrecision average precision of the label's score
     * @param rates sensitivity, specificity and more at {@code threshold}, with Wilson intervals
     */
    public record LabelResult(String label, String dataClass, double threshold, int positives, int negatives,
                              double auc, double averagePrecision, BinaryRates rates) {
        /** One line for people. */
        public String text() {
            return String.format(Locale.ROOT, "%s (data class %s, %d positive / %d negative): AUC %s, AP %s; at %.3f "
                    + "sensitivity %s, specificity %s", label, dataClass, positives, negatives, number(auc),
                    number(averagePrecision), threshold, rates.sensitivity().text(), rates.specificity().text());
        }

        private static String number(double v) {
            return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
        }
    }

    /** Evaluates predictions of a multi-label model decided by {@code rule} (a per-label rule). */
    public static LabelEvaluation of(DatasetPredictions predictions, DecisionRule rule) {
        if (!rule.multiLabel()) {
            throw new EvaluationException("A per-label evaluation needs a multi-label model (per-label thresholds); "
                    + "this one decides one class (" + rule.describe() + "): use Evaluator.evaluate.");
        }
        List<String> truth = new ArrayList<>();
        for (Sample s : predictions.samples()) {
            truth.add(s.label());
        }
        List<LabelResult> results = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        List<String> labels = predictions.classNames();
        for (int c = 0; c < labels.size(); c++) {
            String label = labels.get(c);
            String dataClass = truth.stream().filter(t -> t != null && t.equalsIgnoreCase(label)).findFirst().orElse(null);
            if (dataClass == null || label.isEmpty()) {
                unmatched.add(label);
                continue;
            }
            int[] positive = new int[truth.size()];
            int positives = 0;
            for (int i = 0; i < positive.length; i++) {
                positive[i] = label.equalsIgnoreCase(truth.get(i)) ? 1 : 0;
                positives += positive[i];
            }
            double[] scores = predictions.scores(c);
            double threshold = rule.labelThreshold(label);
            int negatives = positive.length - positives;
            double auc = RocAuc.binary(positive, scores);
            results.add(new LabelResult(label, dataClass, threshold, positives, negatives, auc,
                    AveragePrecision.binary(positive, scores), BinaryRates.of(positive, scores, threshold)));
        }
        return new LabelEvaluation(results, unmatched, truth.size());
    }
}
