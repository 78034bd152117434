package org.covidxray.evaluation;

import org.covidxray.data.Dataset;
import org.covidxray.metrics.ThresholdChoice;
import org.covidxray.metrics.ThresholdSelector;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;

/** Decision rules chosen on data: a threshold picked on the validation part, never on the test part. */
public final class DecisionRules {
    private DecisionRules() {
    }

    /**
     * The threshold on {@code positiveClass}'s probability that maximises Youden's J (sensitivity +
     * specificity - 1) on {@code validation}.
     *
     * @param positiveClass the class to threshold, or {@code null} for the usual one ({@code covid}, else
     *     the second class)
     * @throws EvaluationException when the validation part lacks positives or negatives
     */
    public static DecisionRule youden(Classifier classifier, Dataset validation, String positiveClass) {
        String positive = EvaluationOptions.defaults().withPositiveClass(positiveClass)
                .positiveClassFor(classifier.classNames(), DecisionRule.argmax());
        int p = classifier.classNames().indexOf(positive);
        DatasetPredictions val = DatasetPredictor.of(classifier)
                .predict(validation.filter(validation.name(), s -> s.label() != null));
        ThresholdChoice choice = ThresholdSelector.youden(val.isClass(p), val.scores(p));
        if (Double.isNaN(choice.threshold())) {
            throw new EvaluationException("Cannot choose a threshold on " + validation.name() + ": it needs both "
                    + positive + " and other images.");
        }
        return DecisionRule.threshold(positive, choice.threshold(), "Youden's J on the validation part");
    }
}
