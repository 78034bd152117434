package org.covidxray.examples.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.KermanyDataset;
import org.covidxray.data.PatientSplitter;
import org.covidxray.evaluation.DatasetPredictions;
import org.covidxray.evaluation.DatasetPredictor;
import org.covidxray.evaluation.TestTimeShifts;
import org.covidxray.examples.options.CommandDefaults;
import org.covidxray.examples.options.SplitOptions;
import org.covidxray.examples.options.TrainingOptions;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.metrics.BinaryRates;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.ThresholdChoice;
import org.covidxray.metrics.ThresholdSelector;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.covidxray.report.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Kermany et al. (2018)'s protocol: train on a Kermany training tree with a patient-disjoint
 * validation part, choose the decision threshold on validation (Youden's J), and evaluate once on a
 * test tree ({@code --test}) or, without one, on patients held out of the training tree. Reported
 * beside the published figures (accuracy 92.8%, sensitivity 93.2%, specificity 90.1%, AUC 0.968,
 * from ImageNet transfer learning; ours trains from scratch).
 */
@Command(name = "kermany", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = KermanyExperiment.Defaults.class,
        description = {"Kermany's pneumonia-versus-normal protocol: patient-disjoint validation, threshold chosen on "
                + "validation, one evaluation on a test tree or held-out patients.",
                "Research software, not a diagnostic device."})
final class KermanyExperiment implements Callable<Integer> {
    static final String POSITIVE = "pneumonia";
    /** Kermany et al. 2018, Cell 172(5), pneumonia versus normal on their test split. */
    static final Map<String, Double> PUBLISHED = Map.of("accuracy", 0.928, "sensitivity", 0.932,
            "specificity", 0.901, "auc", 0.968);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SplitOptions split;

    @Option(names = "--train", paramLabel = "DIR", defaultValue = "../shared/data/kaggle-pneumonia/train",
            description = "Kermany training tree with NORMAL/ and PNEUMONIA/ (default: ${DEFAULT-VALUE}).")
    Path trainRoot;

    @Option(names = "--test", paramLabel = "DIR",
            description = "Kermany test tree (chest_xray/test); without it, patients are held out of the training tree.")
    Path testRoot;

    @Option(names = "--subset", defaultValue = "1.0",
            description = "Use only this share of the training tree's patients, for quick runs (default: ${DEFAULT-VALUE}).")
    double subset;

    @Option(names = "--time-budget", paramLabel = "MINUTES", defaultValue = "0",
            description = "Stop training after this many minutes in total, keeping the best epoch so far (0 = no limit).")
    double timeBudget;

    @Option(names = "--tta-shift", defaultValue = "0",
            description = "Test-time augmentation: average over the image and 4 copies shifted by this share of the side, "
                    + "e.g. 0.04 (0 = off). No flips: a mirrored chest is not anatomy.")
    double ttaShift;

    @Option(names = "--ensemble", defaultValue = "1",
            description = "Average this many models trained with seeds seed, seed+1, ... (default: ${DEFAULT-VALUE}).")
    int ensembleSize;

    @Override
    public Integer call() {
        double valFraction = split.valFraction();
        double testFraction = split.testFraction();
        TrainingOptions training = common.training();
        if (!(valFraction > 0) || testFraction < 0 || valFraction + testFraction >= 1 || !(subset > 0 && subset <= 1)
                || ensembleSize < 1 || timeBudget < 0) {
            throw new ExperimentException("--val-fraction must be > 0, --test-fraction >= 0 with both summing below 1, "
                    + "--subset in (0, 1], --ensemble >= 1 and --time-budget >= 0");
        }
        TestTimeShifts tta = new TestTimeShifts(ttaShift);
        ExperimentRun run = new ExperimentRun("kermany", "Kermany's protocol: pneumonia versus normal", common,
                ExperimentCommand.commandLine(spec));
        run.setting("augment", training.augment());
        run.setting("classWeights", training.classWeights());
        run.setting("cosine", training.cosine());
        run.setting("timeBudgetMinutes", timeBudget);
        run.setting("ttaShift", ttaShift);
        run.setting("ensemble", ensembleSize);
        run.setting("subset", subset);

        Dataset all = load(trainRoot, run.seed());
        run.data("training tree", trainRoot, all);
        if (subset < 1) {
            all = new PatientSplitter(subset, 0, 1 - subset, run.seed()).split(all).train();
            run.data("patient subset used (--subset)", trainRoot, all);
        }
        Dataset train;
        Dataset validation;
        Dataset test;
        if (testRoot != null) {
            DatasetSplit split = new PatientSplitter(1 - valFraction, valFraction, 0, run.seed()).split(all);
            train = split.train();
            validation = split.validation();
            test = load(testRoot, run.seed()).withClassOrder(all.classNames());
        } else {
            if (!(testFraction > 0)) {
                throw new ExperimentException("Without --test, --test-fraction must be > 0 to hold out test patients");
            }
            DatasetSplit split = new PatientSplitter(1 - valFraction - testFraction, valFraction, testFraction,
                    run.seed()).split(all);
            train = split.train();
            validation = split.validation();
            test = split.test();
        }
        run.data("training part", trainRoot, train);
        run.data("validation part (patient-disjoint)", trainRoot, validation);
        run.data(testRoot != null ? "test tree" : "test part (held-out patients)", testRoot != null ? testRoot : trainRoot,
                test);

        Architecture architecture = run.architecture();
        PreprocessingConfig preprocessing = run.preprocessing();
        TrainingConfig config = run.trainingConfig(run.seed()).build();
        int positive = all.classNames().indexOf(POSITIVE);
        try (Ensemble ensemble = Ensemble.train(run, ensembleSize, timeBudget, architecture, preprocessing, config,
                train, validation)) {
            DatasetPredictions val = DatasetPredictor.builder().setEnsemble(ensemble.classifiers())
                    .optTestTimeShifts(tta).build().predict(validation);
            ThresholdChoice youden = ThresholdSelector.youden(val.isClass(positive), val.scores(positive));
            DatasetPredictions p = DatasetPredictor.builder().setEnsemble(ensemble.classifiers())
                    .optTestTimeShifts(tta).build().predict(test);
            EvaluationReport report = p.report(POSITIVE, youden.threshold(), run.seed());
            run.writeReport(run.out(), report, test, ensemble.firstHistory(), architecture.name() + " x" + ensembleSize);
            BinaryRates atYouden = BinaryRates.of(p.isClass(positive), p.scores(positive), youden.threshold());
            BinaryRates atHalf = BinaryRates.of(p.isClass(positive), p.scores(positive), 0.5);
            ConfidenceInterval auc = report.binaryIntervals().get("auc");

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("validationThreshold", youden);
            json.put("atValidationThreshold", atYouden);
            json.put("atHalf", atHalf);
            json.put("auc", auc);
            json.put("published", PUBLISHED);
            json.put("budgetReached", ensemble.budgetReached());
            json.put("bestEpochs", ensemble.histories().stream().map(h -> h.bestEpoch()).toList());
            json.put("epochsRun", ensemble.histories().stream().map(h -> h.epochs().size()).toList());
            run.result("test", json);

            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("accuracy", atYouden.accuracy().text(), atHalf.accuracy().text(), "92.8%"));
            rows.add(List.of("sensitivity", atYouden.sensitivity().text(), atHalf.sensitivity().text(), "93.2%"));
            rows.add(List.of("specificity", atYouden.specificity().text(), atHalf.specificity().text(), "90.1%"));
            rows.add(List.of("AUC", Text.withInterval(auc, 3), "", "0.968"));
            run.section("Test results",
                    "Threshold chosen on the validation part by Youden's J: " + Text.number(youden.threshold(), 3)
                            + " (validation sensitivity " + Text.percent(youden.sensitivity()) + ", specificity "
                            + Text.percent(youden.specificity()) + "). AUC interval: patient bootstrap. "
                            + (ensemble.budgetReached() ? "The time budget stopped training. " : "")
                            + "Epochs run per model: " + json.get("epochsRun") + ", kept: " + json.get("bestEpochs")
                            + ".\n\n" + Text.table(List.of("metric", "ours, validation threshold", "ours, threshold 0.5",
                            "Kermany et al. 2018"), rows));
        }
        run.claim("Kermany et al. fine-tuned an ImageNet-pretrained network and tested on their official test split; "
                + "this run trains from scratch" + (testRoot == null
                        ? " and tests on patients held out of the training tree, which resemble the training images "
                        + "more than the official test split does, so the comparison is indicative only."
                        : " and tests on the tree given by --test."));
        run.claim("Both classes are pediatric X-rays from one hospital, so this task has no age or source shortcut; "
                + "it says nothing about COVID-19 or about adults.");
        Path summary = run.finish();
        spec.commandLine().getOut().println("Wrote " + summary);
        return 0;
    }

    static Dataset load(Path root, long seed) {
        return new KermanyDataset().load(DatasetOptions.builder().setRoot(root)
                .optClassOrder(List.of("normal", POSITIVE)).optSeed(seed).build());
    }

    /** Kermany's protocol validates on a tenth of the training tree and, without --test, tests on a fifth. */
    static final class Defaults extends CommandDefaults {
        Defaults() {
            super(Map.of("--val-fraction", "0.1", "--test-fraction", "0.2"));
        }
    }
}
