package org.covidxray.evaluation;

import org.covidxray.data.Dataset;
import org.covidxray.metrics.ThresholdChoice;
import org.covidxray.metrics.ThresholdSelector;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decision rules chosen on data: a threshold picked on the validation part, never on the test part. */
public final class DecisionRules {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRules.class);

    private DecisionRules() {
    }

    /**
     * The threshold on {@code positiveClass}'s probability that maximises Youden's J (sensitivity +
     * specificity - 1) on {@code validation}.
     *
     * @param positiveClass the class to threshold, or {@code null} for the usual one ({@code covid}, else
     *     the second class)
     * When no threshold does better than calling no image positive (J = 0: scores that do not separate the
     * classes on {@code validation}, e.g. a model stuck at one output), the ROC's top point lies above every
     * score; the rule then uses 1.0, the most specific probability threshold, and a warning says so.
     *
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
        double threshold = choice.threshold();
        if (threshold > 1) {
            LOG.warn("No threshold on {}'s P({}) does better than calling nothing {} (Youden's J {}): the model's scores "
                    + "do not separate the classes there; using the most specific threshold 1.0", validation.name(),
                    positive, positive, choice.youdenJ());
            threshold = 1;
        }
        return DecisionRule.threshold(positive, threshold, "Youden's J on the validation part");
    }
}
