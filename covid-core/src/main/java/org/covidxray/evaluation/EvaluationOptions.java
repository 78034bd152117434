package org.covidxray.evaluation;

import java.util.List;
import java.util.Objects;
import org.covidxray.model.DecisionRule;

/**
 * How to evaluate: which class the binary metrics treat as positive, the threshold on its probability,
 * the bootstrap seed, test-time views and a progress receiver. Immutable; {@link #defaults()} then
 * {@code withX}.
 *
 * @param positiveClass the positive class, or {@code null}: the class the model's decision rule
 *     thresholds, else {@value #USUAL_POSITIVE}, else the second class
 * @param threshold positive when its probability is at least this, or {@code null}: the model's rule
 *     when it thresholds that class, else 0.5
 * @param seed seed of the bootstrap intervals
 * @param shifts test-time views
 * @param progress receives the number of images predicted
 */
public record EvaluationOptions(String positiveClass, Double threshold, long seed, TestTimeShifts shifts,
                                DatasetPredictor.Progress progress) {
    /** The positive class when none is named: the disease the project is about. */
    public static final String USUAL_POSITIVE = "covid";

    public EvaluationOptions {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold must be a probability between 0 and 1, not " + threshold);
        }
        shifts = shifts == null ? TestTimeShifts.none() : shifts;
        progress = progress == null ? DatasetPredictor.Progress.none() : progress;
    }

    /** Positive class and threshold from the model, seed 42, no test-time views. */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(null, null, 42, TestTimeShifts.none(), DatasetPredictor.Progress.none());
    }

    public EvaluationOptions withPositiveClass(String value) {
        return new EvaluationOptions(value, threshold, seed, shifts, progress);
    }

    public EvaluationOptions withThreshold(Double value) {
        return new EvaluationOptions(positiveClass, value, seed, shifts, progress);
    }

    public EvaluationOptions withSeed(long value) {
        return new EvaluationOptions(positiveClass, threshold, value, shifts, progress);
    }

    public EvaluationOptions withShifts(TestTimeShifts value) {
        return new EvaluationOptions(positiveClass, threshold, seed, value, progress);
    }

    public EvaluationOptions withProgress(DatasetPredictor.Progress value) {
        return new EvaluationOptions(positiveClass, threshold, seed, shifts, value);
    }

    /** The positive class for a model of these classes and this rule. */
    public String positiveClassFor(List<String> classNames, DecisionRule rule) {
        if (positiveClass != null) {
            if (!classNames.contains(positiveClass)) {
                throw new EvaluationException("The positive class '" + positiveClass + "' is not one of the classes "
                        + classNames + ".");
            }
            return positiveClass;
        }
        if (rule.hasThreshold() && classNames.contains(rule.positiveClass())) {
            return rule.positiveClass();
        }
        return classNames.contains(USUAL_POSITIVE) ? USUAL_POSITIVE : classNames.get(Math.min(1, classNames.size() - 1));
    }

    /** The threshold on {@code positive}'s probability and where it came from. */
    public Threshold thresholdFor(String positive, DecisionRule rule) {
        if (threshold != null) {
            return new Threshold(threshold, "given on the command line");
        }
        if (rule.hasThreshold() && Objects.equals(rule.positiveClass(), positive)) {
            return new Threshold(rule.threshold(), rule.method().isEmpty() ? "from the model card" : rule.method());
        }
        return new Threshold(0.5, "default");
    }

    /**
     * A threshold and its origin.
     *
     * @param value positive when the probability is at least this
     * @param source where it came from, for people
     */
    public record Threshold(double value, String source) {
    }
}
