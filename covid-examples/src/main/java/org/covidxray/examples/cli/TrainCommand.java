package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.DatasetSummary;
import org.covidxray.data.PatientSplitter;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import org.covidxray.evaluation.DecisionRules;
import org.covidxray.evaluation.Evaluation;
import org.covidxray.evaluation.EvaluationOptions;
import org.covidxray.evaluation.Evaluator;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.options.CommandDefaults;
import org.covidxray.examples.options.DataOptions;
import org.covidxray.examples.options.EngineOptions;
import org.covidxray.examples.options.PositiveClassOption;
import org.covidxray.examples.options.ReportOptions;
import org.covidxray.examples.options.SeedOption;
import org.covidxray.examples.options.SplitOptions;
import org.covidxray.examples.options.TrainingOptions;
import org.covidxray.gate.FeatureCalibration;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.AtomicFiles;
import org.covidxray.io.Json;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.covidxray.report.EvaluationReport;
import org.covidxray.report.ReportWriter;
import org.covidxray.report.TrainingCurvesChart;
import org.covidxray.training.CheckpointFile;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code covid train}: loads and merges the data, splits it patient-disjointly into train / validation /
 * test, trains with a progress bar, writes the model bundle and a report folder. Ctrl-C stops after the
 * current batch and still writes the best model so far; {@code --resume} continues from the checkpoint
 * the run keeps in its report folder.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TrainCommand.Defaults.class,
        description = {"Train a classifier and write the model bundle and a report folder.",
                "Example: covid train --cohen covid-chestxray-dataset/metadata.csv --kermany chest_xray/train "
                        + "--epochs 20 --out model.zip"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    EngineOptions engine;

    @Mixin
    TrainingOptions training;

    @Mixin
    SeedOption seedOption;

    @Mixin
    SplitOptions splitOptions;

    @Mixin
    PositiveClassOption positiveOption;

    @Option(names = "--decision", paramLabel = "argmax|youden", defaultValue = "argmax",
            description = "How the model picks a class: the most probable one (argmax), or the positive class when its "
                    + "probability reaches the threshold that maximises Youden's J on the validation part (default: ${DEFAULT-VALUE}).")
    String decision;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.zip", description = "Model bundle to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ReportOptions report;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is in the report folder.")
    boolean resume;

    @Option(names = "--progress", paramLabel = "auto|bar|lines", defaultValue = "auto",
            description = "Progress bars (bar), one line per epoch (lines), or bars only on a terminal (default: ${DEFAULT-VALUE}).")
    String progress;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long seed = seedOption.seed();
        PatientSplitter splitter = splitOptions.splitter(seed);
        Backend backend = engine.backend();
        Device where = engine.device(backend, stderr);
        training.requireSupportedBy(backend);
        Dataset all = data.load(seed);
        stdout.print(DatasetSummary.of(all).toText());
        DatasetSplit split = splitter.split(all);
        stdout.printf(Locale.ROOT, "Patient-disjoint split (seed %d): train %s, validation %s, test %s%n", seed,
                split.train().countsByClass(), split.validation().countsByClass(), split.test().countsByClass());

        Architecture architecture = training.architecture();
        PreprocessingConfig preprocessing = training.preprocessing();
        TrainingConfig config = training.config(seed).build();
        Dataset validation = split.validation().size() == 0 ? null : split.validation();
        Path reportDir = reportDir();
        Path checkpoint = reportDir.resolve(CheckpointFile.FILE_NAME);
        if (resume && !Files.isRegularFile(checkpoint)) {
            throw new UserException("Nothing to resume: there is no " + CheckpointFile.FILE_NAME + " in " + reportDir
                    + ". Run without --resume to start training, or give the --report folder of the run to resume.");
        }

        try (StopOnInterrupt stop = new StopOnInterrupt(stderr)) {
            TrainingRequest request = TrainingRequest.builder()
                    .setBackend(backend).optDevice(where).setArchitecture(architecture).optPreprocessing(preprocessing)
                    .optConfig(config).setTrain(split.train()).optValidation(validation)
                    .optStopSignal(stop.signal()).optCacheBudgetBytes(training.cacheBytes())
                    .optCheckpointFile(checkpoint)
                    .build();
            if (resume) {
                request = request.withResumeFrom(CheckpointFile.read(checkpoint, request));
                stdout.println("Resuming after epoch " + request.resumeFrom().epoch() + " from " + checkpoint);
            }
            try (TrainedModel trained = new TrainingLoop(request, new TrainingProgress(stdout, showBars())).run()) {
                ModelManifest trainedManifest = trained.classifier().manifest();
                ModelManifest decided = trainedManifest
                        .withProvenance(trainedManifest.provenance().withSplit(split.description()))
                        .withDecisionRule(decisionRule(trained.classifier(), validation))
                        .withCard(trainedManifest.card().withData(trainingData(all, split)))
                        .withInputGate(FeatureCalibration.calibrateIfPossible(trained.classifier(), validation)
                                .orElse(null));
                Classifier classifier = trained.classifier().withManifest(decided);
                String command = "covid " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
                EvaluationReport testReport = null;
                ModelManifest manifest = decided;
                if (split.test().size() > 0) {
                    Evaluation test = Evaluator.evaluate(classifier, split.test(),
                            EvaluationOptions.defaults().withPositiveClass(positiveOption.positive()).withSeed(seed));
                    test.predictions().writeCsv(reportDir.resolve("test-predictions.csv"), test.rule());
                    testReport = test.report();
                    manifest = decided.withCard(test.addTo(decided.card()));
                    stdout.println();
                    stdout.println("Held-out test part (" + split.test().name() + "):");
                    stdout.print(Evaluations.toText(testReport, test.threshold()));
                    stdout.println();
                    stdout.print(Evaluations.sourcesText(test.bySource(), test.positiveClass()));
                }
                ModelBundle.write(out, manifest, classifier.exportWeights());
                if (testReport != null) {
                    Evaluations.write(reportDir, testReport, DatasetSummary.of(split.test()), command, trained.history());
                } else {
                    AtomicFiles.write(reportDir.resolve(ReportWriter.TRAINING_CURVES_PNG),
                            TrainingCurvesChart.png(trained.history(), 900, 600));
                }
                writeRunFiles(reportDir, all, split, trained);
                boolean stopped = "stopped by user".equals(trained.history().stopReason());
                if (!stopped) {
                    CheckpointFile.delete(checkpoint);
                }
                stdout.println("Model written to " + out + " (id " + manifest.modelId() + ", kept epoch "
                        + trained.history().bestEpoch() + "). Report folder: " + reportDir);
                if (stopped) {
                    stdout.println("Training was stopped; continue it with the same command and --resume.");
                }
                stdout.println(Disclaimer.TEXT);
                stdout.flush();
                return stopped || stop.stopRequested() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
            }
        }
    }

    /** The rule the model card records: argmax, or a Youden threshold chosen on the validation part. */
    private DecisionRule decisionRule(Classifier classifier, Dataset validation) {
        switch (decision.toLowerCase(Locale.ROOT)) {
            case "argmax":
                return DecisionRule.argmax();
            case "youden":
                if (validation == null) {
                    throw new UserException("--decision youden needs a validation part; set --val-fraction above 0.");
                }
                return DecisionRules.youden(classifier, validation, positiveOption.positive());
            default:
                throw new UserException("--decision must be argmax or youden, not '" + decision + "'.");
        }
    }

    private boolean showBars() {
        return switch (progress.toLowerCase(Locale.ROOT)) {
            case "bar" -> true;
            case "lines" -> false;
            case "auto" -> System.console() != null;
            default -> throw new UserException("--progress must be auto, bar or lines, not '" + progress + "'.");
        };
    }

    /** The --report folder, or one beside --out named after it. */
    private Path reportDir() {
        String name = out.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return report.orElse(out.toAbsolutePath().getParent().resolve(stem + "-report"));
    }

    /** The card's description of the training data. */
    private static ModelCard.TrainingData trainingData(Dataset all, DatasetSplit split) {
        return new ModelCard.TrainingData(all.name(), all.fingerprint(), all.countsByClass(), all.patients().size(),
                split.description().describe());
    }

    private void writeRunFiles(Path reportDir, Dataset all, DatasetSplit split, TrainedModel trained) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("data", DatasetSummary.of(all));
        run.put("split", Map.of("train", split.train().countsByClass(), "validation",
                split.validation().countsByClass(), "test", split.test().countsByClass()));
        run.put("history", trained.history());
        run.put("disclaimer", Disclaimer.TEXT);
        AtomicFiles.writeString(reportDir.resolve("training.json"), Json.write(run));
    }

    /** Training runs where it is fastest: a GPU when the engine has one (a saved model runs on the CPU unless asked). */
    static final class Defaults extends CommandDefaults {
        Defaults() {
            super(Map.of("--device", "auto"));
        }
    }
}
