package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.DatasetSummary;
import org.covidxray.data.SplitDescription;
import org.covidxray.evaluation.Evaluation;
import org.covidxray.evaluation.Evaluator;
import org.covidxray.evaluation.FailedImage;
import org.covidxray.evaluation.LookShiftEvaluator;
import org.covidxray.evaluation.LookShiftResults;
import org.covidxray.image.AppearanceShift;
import org.covidxray.io.Json;
import org.covidxray.report.ReportWriter;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.options.DataOptions;
import org.covidxray.examples.options.ModelOptions;
import org.covidxray.examples.options.PositiveClassOption;
import org.covidxray.examples.options.ReportOptions;
import org.covidxray.examples.options.SeedOption;
import org.covidxray.examples.options.SplitOptions;
import org.covidxray.examples.options.ThresholdOption;
import org.covidxray.io.AtomicFiles;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.report.RunContext;
import org.covidxray.report.WrittenReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code covid evaluate}: runs a model on labelled data and prints a classification report and, per class,
 * sensitivity, specificity and AUC with 95% confidence intervals; writes a report folder.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on labelled images: classification report, sensitivity, specificity "
                + "and AUC with 95%% confidence intervals, the decision threshold used.",
                "Research software, not a diagnostic device."})
public final class EvaluateCommand implements Callable<Integer> {
    private static final String DEFAULT_REPORT = "evaluation-report";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions data;

    @Option(names = "--part", paramLabel = "all|train|validation|test", defaultValue = "all",
            description = "Evaluate on this part of the patient-disjoint split the model was trained with (recorded "
                    + "in the model; older models: the split of the --seed and fractions below) (default: "
                    + "${DEFAULT-VALUE}, every image).")
    String part;

    @Mixin
    SplitOptions splitOptions;

    @Mixin
    SeedOption seedOption;

    @Mixin
    PositiveClassOption positiveOption;

    @Mixin
    ThresholdOption thresholdOption;

    @Mixin
    ReportOptions reportOptions;

    @Option(names = "--look-shift", paramLabel = "SHIFT|presets",
            description = "Also evaluate with each image's look changed before preprocessing, at the model's own "
                    + "threshold: a preset (" + "gamma0.6, gamma1.6, contrast0.6, contrast1.4, res0.5, blur1.5, noise0.05, "
                    + "gamma1.6+contrast0.6+blur1.0), 'presets' for all, a comma list of presets, or changes such as "
                    + "gamma=1.6,contrast=0.6 (keys gamma, contrast, res, blur in input pixels, noise). Repeatable.")
    List<String> lookShifts = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long seed = seedOption.seed();
        Path report = reportOptions.orElse(Path.of(DEFAULT_REPORT));
        List<AppearanceShift> shiftList = LookShifts.parse(lookShifts); // bad values fail before the model loads
        try (Classifier classifier = modelOptions.load(spec.commandLine().getErr())) {
            List<String> classOrder = data.classes() != null ? data.classes() : classifier.classNames();
            Dataset dataset = choosePart(data.load(seed, classOrder), classifier.manifest(), err, seed);
            out.println("Evaluating " + modelOptions.describe() + " (" + classifier.manifest().modelId() + ", "
                    + classifier.manifest().backend() + ") on " + dataset.name() + ".");
            Evaluation evaluation = Evaluator.evaluate(classifier, dataset,
                    Evaluations.options(positiveOption.positive(), thresholdOption.threshold(), seed));
            evaluation.failed().forEach(f -> err.println("skipped unreadable image " + f.describe()));
            out.print(Evaluations.toText(evaluation.report(), evaluation.threshold()));
            out.println();
            out.print(Evaluations.sourcesText(evaluation.bySource(), evaluation.positiveClass()));
            evaluation.predictions().writeCsv(report.resolve("predictions.csv"), evaluation.rule());
            WrittenReport written = evaluation.writeReport(report, new RunContext("", DatasetSummary.of(dataset),
                    "covid " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), null));
            if (!evaluation.failed().isEmpty()) {
                AtomicFiles.writeString(report.resolve("skipped-images.txt"), String.join("\n",
                        evaluation.failed().stream().map(FailedImage::describe).toList()) + "\n");
            }
            if (!lookShifts.isEmpty()) {
                LookShiftResults shifted = LookShiftEvaluator.evaluate(classifier, dataset, shiftList,
                        Evaluations.options(positiveOption.positive(), thresholdOption.threshold(), seed));
                out.print(LookShifts.toText(shifted));
                addToMetricsJson(report.resolve(ReportWriter.METRICS_JSON), "lookShifts", LookShifts.toJson(shifted));
            }
            out.println("Report: " + written.html());
            out.println(Disclaimer.TEXT);
        }
        return ExitCodes.OK;
    }

    /** Adds one field to the metrics.json the report writer wrote. */
    @SuppressWarnings("unchecked")
    private static void addToMetricsJson(Path file, String field, Object value) {
        try {
            Map<String, Object> json = Json.mapper().readValue(Files.readString(file), LinkedHashMap.class);
            json.put(field, value);
            AtomicFiles.writeString(file, Json.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException("could not add " + field + " to " + file, e);
        }
    }

    /**
     * The part to evaluate. A model that records its split is split again exactly as recorded, and data
     * that is not what it was trained on is refused; older models are split with the fractions and seed
     * given here, which must then match those of {@code covid train}.
     */
    private Dataset choosePart(Dataset all, ModelManifest manifest, PrintWriter err, long seed) {
        String wanted = part.toLowerCase(Locale.ROOT);
        if (wanted.equals("all")) {
            return all;
        }
        if (!List.of("train", "validation", "test").contains(wanted)) {
            throw new UserException("--part must be all, train, validation or test, not '" + part + "'.");
        }
        SplitDescription recorded = manifest.provenance() == null ? null : manifest.provenance().split();
        if (recorded != null) {
            return recorded.part(all, wanted, "the model's provenance");
        }
        err.println("This model does not record its split; splitting with --val-fraction " + splitOptions.valFraction()
                + ", --test-fraction " + splitOptions.testFraction() + " and --seed " + seed
                + ", which must be those of its training.");
        DatasetSplit split = splitOptions.splitter(seed).split(all);
        return switch (wanted) {
            case "train" -> split.train();
            case "validation" -> split.validation();
            default -> split.test();
        };
    }
}
