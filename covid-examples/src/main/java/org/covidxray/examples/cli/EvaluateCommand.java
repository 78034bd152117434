package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.DatasetSummary;
import org.covidxray.data.PatientSplitter;
import org.covidxray.examples.model.DecisionRule;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.io.AtomicFiles;
import org.covidxray.model.Classifier;
import org.covidxray.report.EvaluationReport;
import org.covidxray.report.WrittenReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code covid evaluate}: runs a model on labelled data and prints a classification report and, per class,
 * sensitivity, specificity and AUC with 95% confidence intervals; writes a report folder.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on labelled images: classification report, sensitivity, specificity "
                + "and AUC with 95%% confidence intervals, the decision threshold used.",
                "Research software, not a diagnostic device."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions data;

    @Option(names = "--part", paramLabel = "all|train|validation|test", defaultValue = "all",
            description = "Evaluate on this part of the patient-disjoint split 'covid train' makes with the same "
                    + "--seed and fractions (default: ${DEFAULT-VALUE}, every image).")
    String part;

    @Option(names = "--val-fraction", defaultValue = "0.15", description = "As for 'covid train' (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--test-fraction", defaultValue = "0.15", description = "As for 'covid train' (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Split and bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--positive", paramLabel = "CLASS",
            description = "Class whose sensitivity and specificity are reported (default: the model card's, else covid).")
    String positive;

    @Option(names = "--threshold", description = "Call the positive class when its probability is at least this "
            + "(default: the model card's threshold, else 0.5).")
    Double threshold;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "evaluation-report",
            description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Classifier classifier = modelOptions.load(spec.commandLine().getErr())) {
            if (data.classes == null) {
                data.classes = classifier.classNames();
            }
            Dataset dataset = choosePart(data.load(seed));
            out.println("Evaluating " + modelOptions.describe() + " (" + classifier.manifest().modelId() + ", "
                    + classifier.manifest().backend() + ") on " + dataset.name() + ".");
            DatasetPredictions predictions = DatasetPredictions.run(classifier, dataset, n -> { });
            predictions.failed().forEach(f -> err.println("skipped unreadable image " + f));
            if (predictions.size() == 0) {
                throw new UserException("No readable labelled image in " + dataset.name() + ".");
            }
            DecisionRule rule = DecisionRule.of(classifier.manifest());
            String positiveClass = Evaluations.positiveClass(classifier.classNames(), positive, rule);
            Evaluations.Threshold cut = Evaluations.threshold(positiveClass, threshold, rule);
            EvaluationReport evaluation = Evaluations.compute(classifier.classNames(), predictions.labels(),
                    predictions.probabilities(), predictions.patients(), positiveClass, cut, seed)
                    .withModel(classifier.manifest().modelId());
            out.print(Evaluations.toText(evaluation, cut));
            predictions.writeCsv(report.resolve("predictions.csv"));
            WrittenReport written = Evaluations.write(report, evaluation, DatasetSummary.of(dataset),
                    "covid " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), null);
            if (!predictions.failed().isEmpty()) {
                AtomicFiles.writeString(report.resolve("skipped-images.txt"),
                        String.join("\n", predictions.failed()) + "\n");
            }
            out.println("Report: " + written.html());
            out.println(Disclaimer.TEXT);
        }
        return ExitCodes.OK;
    }

    private Dataset choosePart(Dataset all) {
        String wanted = part.toLowerCase(Locale.ROOT);
        if (wanted.equals("all")) {
            return all;
        }
        DatasetSplit split = new PatientSplitter(1 - valFraction - testFraction, valFraction, testFraction, seed)
                .split(all);
        return switch (wanted) {
            case "train" -> split.train();
            case "validation" -> split.validation();
            case "test" -> split.test();
            default -> throw new UserException("--part must be all, train, validation or test, not '" + part + "'.");
        };
    }
}
