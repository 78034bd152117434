package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.covidxray.evaluation.EvaluationOptions;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.options.JsonOutputOption;
import org.covidxray.examples.options.PositiveClassOption;
import org.covidxray.examples.options.ReportOptions;
import org.covidxray.examples.options.SeedOption;
import org.covidxray.examples.options.ThresholdOption;
import org.covidxray.io.Json;
import org.covidxray.metrics.Bootstrap;
import org.covidxray.metrics.PairedAuc;
import org.covidxray.metrics.ThresholdChoice;
import org.covidxray.metrics.ThresholdSelector;
import org.covidxray.model.DecisionRule;
import org.covidxray.report.EvaluationReport;
import org.covidxray.report.WrittenReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code covid metrics}: the same report as {@code covid evaluate}, from any model's predictions in a CSV
 * file (a label and a score column, or one {@code p_<class>} column per class).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Metrics with 95%% confidence intervals from a CSV of predictions: columns label + score "
                + "(binary), or label + one p_<class> probability column per class.",
                "Research software, not a diagnostic device."})
public final class MetricsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The predictions CSV file.")
    Path csv;

    @Option(names = "--label-column", defaultValue = "label", description = "Column with the true class (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--score-column", description = "Column with the positive class's probability (default: 'score' when present).")
    String scoreColumn;

    @Mixin
    PositiveClassOption positiveOption;

    @Option(names = "--patient-column", defaultValue = "patient",
            description = "Column with patient ids; intervals then resample patients (default: ${DEFAULT-VALUE}, if present).")
    String patientColumn;

    @Mixin
    ThresholdOption thresholdOption;

    @Option(names = "--youden", description = "Choose the threshold that maximises sensitivity + specificity on this "
            + "same data (optimistic: report it only with a threshold chosen elsewhere).")
    boolean youden;

    @Option(names = "--source", split = ",", paramLabel = "SOURCE",
            description = "Only rows whose 'source' column is one of these (in both files with --versus), e.g. the "
                    + "one collection that holds both COVID-19 and other films.")
    List<String> sources;

    @Option(names = "--versus", paramLabel = "BASELINE.csv",
            description = "A baseline's predictions of the same images (rows matched by the 'file' or 'path' column): "
                    + "prints both AUCs of the positive class and the difference, this file minus the baseline, with "
                    + "a paired bootstrap interval (the same images, or patients, drawn for both).")
    Path versus;

    @Mixin
    SeedOption seedOption;

    @Mixin
    JsonOutputOption jsonOption;

    @Mixin
    ReportOptions reportOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long seed = seedOption.seed();
        String positive = positiveOption.positive();
        Double threshold = thresholdOption.threshold();
        Set<String> only = sources == null ? null : new LinkedHashSet<>(sources);
        PredictionsCsv.Scores scores = PredictionsCsv.read(csv, labelColumn, scoreColumn, positive, patientColumn,
                only);
        List<String> classes = scores.classNames();
        EvaluationOptions options = Evaluations.options(positive, threshold, seed);
        String positiveClass = options.positiveClassFor(classes, DecisionRule.argmax());
        EvaluationOptions.Threshold cut = youden ? youdenThreshold(scores, positiveClass)
                : options.thresholdFor(positiveClass, DecisionRule.argmax());
        if (scores.labels().length == 0) {
            throw new UserException("There is no labelled image to evaluate in " + csv + ".");
        }
        EvaluationReport evaluation = EvaluationReport.compute(classes, scores.labels(), scores.probabilities(),
                scores.patients(), positiveClass, cut.value(), seed);
        PairedAuc.Comparison paired = versus == null ? null : PairedPredictions.compare(versus,
                PredictionsCsv.read(versus, labelColumn, scoreColumn, positive, patientColumn, only), csv, scores,
                positiveClass, Bootstrap.withSeed(seed));
        if (jsonOption.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", csv.toString());
            doc.put("rowsWithError", scores.withError());
            if (only != null) {
                doc.put("sources", only);
            }
            doc.put("evaluation", evaluation);
            if (paired != null) {
                doc.put("versus", Map.of("baseline", versus.toString(), "comparison", paired));
            }
            doc.put("disclaimer", Disclaimer.TEXT);
            out.println(Json.write(doc));
        } else {
            out.println("Metrics of " + csv + (scores.patients() == null ? "" : " (patients from column '"
                    + patientColumn + "')") + (only == null ? "" : ", rows of source " + String.join(", ", only)) + ".");
            if (scores.withError() > 0) {
                out.println(scores.withError() + " rows with an error (no prediction) are left out.");
            }
            out.print(Evaluations.toText(evaluation, cut));
            if (paired != null) {
                out.print(PairedPredictions.toText(paired, positiveClass, versus, csv));
            }
            out.println(Disclaimer.TEXT);
        }
        if (reportOptions.given().isPresent()) {
            WrittenReport written = Evaluations.write(reportOptions.given().get(), evaluation, null,
                    "covid " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), null);
            out.println("Report: " + written.html());
        }
        return ExitCodes.OK;
    }

    private EvaluationOptions.Threshold youdenThreshold(PredictionsCsv.Scores scores, String positiveClass) {
        if (thresholdOption.threshold() != null) {
            throw new UserException("Give either --threshold or --youden, not both.");
        }
        int p = scores.classNames().indexOf(positiveClass);
        int[] binary = new int[scores.labels().length];
        double[] s = new double[binary.length];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = scores.labels()[i] == p ? 1 : 0;
            s[i] = scores.probabilities()[i][p];
        }
        ThresholdChoice choice = ThresholdSelector.youden(binary, s);
        if (Double.isNaN(choice.threshold())) {
            throw new UserException("Youden's J is undefined here: the data needs both " + positiveClass
                    + " and other images.");
        }
        return new EvaluationOptions.Threshold(choice.threshold(), "Youden's J on this same data: optimistic");
    }
}
