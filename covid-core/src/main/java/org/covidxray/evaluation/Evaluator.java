package org.covidxray.evaluation;

import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.metrics.SourceRates;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.report.EvaluationReport;

/**
 * Evaluates a model on labelled data: predicts every labelled image, then computes the metrics with
 * patient-bootstrap intervals, the positive class against the rest at the model's (or the given)
 * threshold, and the same per data source.
 *
 * <pre>{@code
 * Evaluation e = Evaluator.evaluate(model, split.test(), EvaluationOptions.defaults());
 * System.out.println(e.report().accuracy() + " " + e.bySource());
 * }</pre>
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * Predicts the labelled images of {@code dataset} with {@code classifier} and evaluates them.
     *
     * @throws EvaluationException when the data's classes are not the model's, or no labelled image is readable
     */
    public static Evaluation evaluate(Classifier classifier, Dataset dataset, EvaluationOptions options) {
        if (classifier.manifest().multiLabel()) {
            throw new EvaluationException("Model " + classifier.manifest().modelId() + " is multi-label (independent "
                    + "per-label scores that do not sum to 1): it has no single predicted class to evaluate. Evaluate "
                    + "it label by label with Evaluator.evaluateLabels.");
        }
        return evaluate(predict(classifier, dataset, options), classifier.decisionRule(), options)
                .withModel(classifier.manifest().modelId());
    }

    /**
     * Evaluates a multi-label model label by label on the labelled images of {@code dataset} (see
     * {@link LabelEvaluation}); images of classes the model has no label for are negatives for every label.
     *
     * @throws EvaluationException when the model is single-label, or no labelled image is readable
     */
    public static LabelEvaluation evaluateLabels(Classifier classifier, Dataset dataset, EvaluationOptions options) {
        DatasetPredictions predictions = predict(classifier, dataset, options);
        if (predictions.size() == 0) {
            throw new EvaluationException("There is no readable labelled image to evaluate.");
        }
        return LabelEvaluation.of(predictions, classifier.decisionRule());
    }

    private static DatasetPredictions predict(Classifier classifier, Dataset dataset, EvaluationOptions options) {
        Dataset labelled = dataset.filter(dataset.name(), s -> s.label() != null);
        return DatasetPredictor.builder().setClassifier(classifier)
                .optTestTimeShifts(options.shifts()).optProgress(options.progress()).build().predict(labelled);
    }

    /** Evaluates predictions made before (e.g. by an ensemble, or read from a CSV). */
    public static Evaluation evaluate(DatasetPredictions predictions, DecisionRule rule, EvaluationOptions options) {
        if (predictions.size() == 0) {
            throw new EvaluationException("There is no readable labelled image to evaluate"
                    + (predictions.failed().isEmpty() ? "." : "; " + predictions.failed().size() + " could not be read, "
                    + "e.g. " + predictions.failed().get(0).describe()));
        }
        int[] labels = predictions.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new EvaluationException("Image " + predictions.samples().get(i).path() + " has no label (or one "
                        + "that is not a class of the model " + predictions.classNames() + "); evaluate labelled images.");
            }
        }
        String positive = options.positiveClassFor(predictions.classNames(), rule);
        EvaluationOptions.Threshold threshold = options.thresholdFor(positive, rule);
        EvaluationReport report = EvaluationReport.compute(predictions.classNames(), labels,
                predictions.probabilities(), predictions.patients(), positive, threshold.value(), options.seed());
        int positiveIndex = predictions.classNames().indexOf(positive);
        List<SourceRates> bySource = SourceRates.of(predictions.sources(), predictions.isClass(positiveIndex),
                predictions.scores(positiveIndex), threshold.value());
        return new Evaluation(report.withSources(bySource), threshold, rule, bySource, predictions);
    }
}
