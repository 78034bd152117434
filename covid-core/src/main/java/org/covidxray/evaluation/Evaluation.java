package org.covidxray.evaluation;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.SourceRates;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelCard;
import org.covidxray.report.EvaluationReport;
import org.covidxray.report.ReportWriter;
import org.covidxray.report.RunContext;
import org.covidxray.report.WrittenReport;

/**
 * The result of evaluating a model on a data set. Immutable.
 *
 * @param report every metric with its patient-bootstrap interval (multi-class and positive class against
 *     the rest)
 * @param threshold the threshold the binary metrics used and where it came from
 * @param rule the model's decision rule
 * @param bySource the positive class against the rest per data source, with Wilson intervals
 * @param predictions the probabilities of every image, with its sample; and the unreadable images
 */
public record Evaluation(EvaluationReport report, EvaluationOptions.Threshold threshold, DecisionRule rule,
                         List<SourceRates> bySource, DatasetPredictions predictions) {

    public Evaluation {
        bySource = List.copyOf(bySource);
    }

    public String positiveClass() {
        return report.positiveClass();
    }

    /** Unreadable images, which the metrics leave out. */
    public List<FailedImage> failed() {
        return predictions.failed();
    }

    /** This evaluation naming the model in its report. */
    public Evaluation withModel(String name) {
        return new Evaluation(report.withModel(name), threshold, rule, bySource, predictions);
    }

    /** Writes the report folder (metrics.json, report.html, charts) of this evaluation in {@code context}. */
    public WrittenReport writeReport(Path folder, RunContext context) {
        return new ReportWriter().write(folder, report, context);
    }

    /** What a model card keeps of a test evaluation. */
    public ModelCard.TestResults toCardResults() {
        Map<String, ModelCard.Estimate> metrics = new LinkedHashMap<>();
        report.binaryIntervals().forEach((name, ci) -> metrics.put(name, estimate(ci)));
        ConfidenceInterval any = report.accuracy();
        return new ModelCard.TestResults(report.images(), report.patients(), estimate(report.accuracy()),
                estimate(report.macroAuc()), report.positiveClass(), report.threshold(), threshold.source(), metrics,
                String.format(Locale.ROOT, "%.0f%% %s", 100 * any.level(), any.method()));
    }

    /** {@code card} with this evaluation as its test results. */
    public ModelCard addTo(ModelCard card) {
        return card.withTest(toCardResults(), sourceResultsForCard());
    }

    /** The per-source rows as the model card keeps them. */
    public List<ModelCard.SourceResult> sourceResultsForCard() {
        return bySource.stream().map(Evaluation::sourceResultForCard).toList();
    }

    /** One per-source row as the model card keeps it. */
    public static ModelCard.SourceResult sourceResultForCard(SourceRates r) {
        return new ModelCard.SourceResult(r.source(), (int) r.sensitivity().trials(),
                (int) r.sensitivity().successes(), (int) r.specificity().trials(),
                (int) (r.specificity().trials() - r.specificity().successes()), estimate(r.sensitivity().interval()),
                estimate(r.specificity().interval()));
    }

    static ModelCard.Estimate estimate(ConfidenceInterval ci) {
        return ci == null ? ModelCard.Estimate.undefined() : new ModelCard.Estimate(ci.estimate(), ci.lower(), ci.upper());
    }
}
