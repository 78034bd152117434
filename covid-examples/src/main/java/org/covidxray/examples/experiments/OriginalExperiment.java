package org.covidxray.examples.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.covidxray.data.ClassFolderDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.LabelFinding;
import org.covidxray.data.LabelQualityCheck;
import org.covidxray.data.PatientSplitter;
import org.covidxray.data.Sample;
import org.covidxray.evaluation.CrossValidation;
import org.covidxray.evaluation.DatasetPredictions;
import org.covidxray.evaluation.DatasetPredictor;
import org.covidxray.examples.options.CommandDefaults;
import org.covidxray.examples.options.TestFractionOption;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.metrics.BinaryRates;
import org.covidxray.metrics.RocAuc;
import org.covidxray.model.Architecture;
import org.covidxray.model.ClassWeighting;
import org.covidxray.model.TrainingConfig;
import org.covidxray.training.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The original project's experiment, then done properly. (1) Its protocol: 25 COVID-19 and 25
 * "normal" images, one image-level stratified 80/20 split (images, not patients: the class folders name
 * no patients), one model, accuracy, sensitivity and specificity on the 10 test images with Wilson
 * intervals. (2) The same images with patient-disjoint repeated stratified k-fold cross-validation
 * (patients recovered by {@link SeedPatients}). (3) The label check: 18 "normal" images are named as
 * Kermany pneumonia cases; they are relabelled as pneumonia and dropped, and the cross-validation is
 * repeated on COVID-19 versus the 7 truly normal images.
 *
 * <p>Dropping rather than a third class: a 3-class model would have 7 normal and 18 pneumonia
 * images, too few for a third class to be learned or measured, and the original question was
 * COVID-19 versus normal.
 */
@Command(name = "original", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = OriginalExperiment.Defaults.class,
        description = {"The original project's 50-image experiment: its image-level 80/20 split, then patient-disjoint "
                + "repeated cross-validation, then the 18 mislabelled 'normal' images corrected.",
                "Research software, not a diagnostic device."})
final class OriginalExperiment implements Callable<Integer> {
    static final String NORMAL = "normal";
    static final String COVID = "covid";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    TestFractionOption testShare;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/seed-50",
            description = "Class folders covid/ and normal/ (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--cohen", paramLabel = "DIR", defaultValue = "../shared/data/cohen-covid-chestxray",
            description = "Cohen's data set folder; its metadata.csv gives the patients of the COVID-19 files "
                    + "(default: ${DEFAULT-VALUE}; when absent, patients are guessed from file names).")
    Path cohen;

    @Option(names = "--folds", defaultValue = "5", description = "Folds of the cross-validation (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Repeats of the cross-validation, each with other folds (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() {
        double testFraction = testShare.testFraction();
        if (!(testFraction > 0 && testFraction < 1) || folds < 2 || repeats < 1) {
            throw new ExperimentException("--test-fraction must be in (0, 1), --folds >= 2 and --repeats >= 1; were "
                    + testFraction + ", " + folds + ", " + repeats);
        }
        ExperimentRun run = new ExperimentRun("original", "The original project's experiment, reproduced and re-checked",
                common, ExperimentCommand.commandLine(spec));
        run.setting("testFraction", testFraction);
        run.setting("folds", folds);
        run.setting("repeats", repeats);
        run.setting("augment", common.training().augment());
        Dataset dataset = new ClassFolderDataset().load(DatasetOptions.builder().setRoot(data)
                .optClassOrder(List.of(NORMAL, COVID)).optSeed(run.seed()).build());
        run.data("all images, as labelled by the original project", data, dataset);
        int positive = dataset.classNames().indexOf(COVID);

        Architecture architecture = run.architecture();
        PreprocessingConfig preprocessing = run.preprocessing();
        TrainingConfig config = run.trainingConfig(run.seed()).build();

        SeedPatients.Assigned assigned = SeedPatients.assign(dataset, cohen.resolve("metadata.csv"));
        Dataset withPatients = assigned.dataset();
        run.data("same images, patients recovered", data, withPatients);
        run.result("patientSources", assigned.counts());

        imageLevelSplit(run, dataset, withPatients, positive, architecture, preprocessing, config);

        CrossValidation cv = CrossValidation.run(withPatients, positive, folds, repeats, run.seed(),
                foldTrainer(run, architecture, preprocessing, config));
        run.result("patientDisjointCv", cvJson(cv));
        DatasetPredictions first = cv.pooled().get(0);
        run.writeReport(run.out(), first.report(COVID, 0.5, run.seed()), first.asDataset(withPatients.name() + "/cv-repeat1"), null,
                "cv repeat 1 (pooled test folds)");
        run.section("Patient-disjoint " + folds + "-fold cross-validation x " + repeats + " repeats (as labelled)",
                "Patients recovered from file names and Cohen's metadata (" + assigned.counts() + "). Each repeat "
                        + "predicts every image once from a model that saw none of its patient's images. Threshold 0.5."
                        + "\n\n" + Text.crossValidationTable(cv) + "\nThe report files in this folder (metrics.json, report.html) are "
                        + "those of repeat 1, with patient-bootstrap intervals.");

        List<LabelFinding> findings = new LabelQualityCheck().check(dataset);
        List<Map<String, String>> findingJson = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (LabelFinding f : findings) {
            findingJson.add(Map.of("sampleId", f.sampleId(), "label", f.label(), "reason", f.reason()));
            list.append("- `").append(f.sampleId()).append("`: ").append(f.reason()).append('\n');
        }
        run.result("labelFindings", findingJson);
        Set<String> wrong = new HashSet<>();
        findings.forEach(f -> wrong.add(f.sampleId()));
        Dataset corrected = withPatients.filter(withPatients.name() + "-corrected",
                s -> !(wrong.contains(s.id()) && NORMAL.equals(s.label())));
        run.data("corrected: mislabelled 'normal' images relabelled pneumonia and dropped", data, corrected);
        String correctedText;
        if (corrected.countsByClass().get(NORMAL) < folds) {
            correctedText = "Too few normal images remain (" + corrected.countsByClass().get(NORMAL)
                    + ") for " + folds + " folds; the corrected cross-validation was skipped.";
            run.result("correctedCv", null);
        } else {
            // 25 COVID-19 against 7 normal images: without weighting a model can score 78% by calling everything COVID-19
            TrainingConfig weighted = config.toBuilder().optClassWeighting(ClassWeighting.BALANCED).build();
            CrossValidation fixed = CrossValidation.run(corrected, positive, folds, repeats, run.seed(),
                    foldTrainer(run, architecture, preprocessing, weighted));
            run.result("correctedCv", cvJson(fixed));
            DatasetPredictions p = fixed.pooled().get(0);
            run.writeReport(run.out().resolve("corrected"), p.report(COVID, 0.5, run.seed()),
                    p.asDataset(corrected.name() + "/cv-repeat1"), null,
                    "corrected labels, cv repeat 1");
            correctedText = Text.crossValidationTable(fixed) + "\nReport files of repeat 1: `corrected/`.";
        }
        run.section("Label check: " + findings.size() + " suspicious labels",
                "`LabelQualityCheck` flags these files (the original script sampled its 'normal' class from the "
                        + "whole Kaggle tree, so most of them are pneumonia cases):\n\n" + list
                        + "\nCorrection chosen: relabel them as pneumonia and **drop** them, leaving COVID-19 ("
                        + corrected.countsByClass().get(COVID) + ") versus truly normal ("
                        + corrected.countsByClass().get(NORMAL) + ") images. A third class was not used: 7 normal "
                        + "and 18 pneumonia images are too few to learn or measure a third class, and the original "
                        + "question was COVID-19 versus normal.\n\nSame cross-validation with corrected labels (loss weighted by "
                        + "inverse class frequency, since the classes are now 25 to 7):\n\n"
                        + correctedText);

        run.claim("The original image-level split tests on 10 images: even 10/10 correct has a 95% Wilson "
                + "interval of 72–100%, so it cannot support a claim of \"100% accuracy\".");
        run.claim("The image-level split puts images of the same patient on both sides (see the leak count); the "
                + "patient-disjoint cross-validation does not.");
        run.claim("Both classes come from different sources (Cohen's adult COVID-19 figures from papers versus "
                + "Kermany's pediatric X-rays from one hospital): a high score here measures how well a model "
                + "tells the sources apart, not COVID-19 from normal lungs. See `covid experiment covid3`.");
        run.claim("Repeats reuse the same 50 images; their spread shows the instability of training on so few "
                + "images, not the uncertainty about new patients (which the intervals estimate).");
        Path summary = run.finish();
        spec.commandLine().getOut().println("Wrote " + summary);
        return 0;
    }

    private void imageLevelSplit(ExperimentRun run, Dataset dataset, Dataset withPatients, int positive,
                                 Architecture architecture, PreprocessingConfig preprocessing, TrainingConfig config) {
        // each image is its own patient in the class-folder layout, so this split is by image, as the original's
        double testFraction = testShare.testFraction();
        DatasetSplit split = new PatientSplitter(1 - testFraction, 0, testFraction, run.seed()).split(dataset);
        run.data("original protocol: training images", data, split.train());
        run.data("original protocol: test images", data, split.test());
        Map<String, String> patientOf = new HashMap<>();
        withPatients.samples().forEach(s -> patientOf.put(s.id(), s.patientId()));
        Set<String> trainPatients = new HashSet<>();
        split.train().samples().forEach(s -> trainPatients.add(patientOf.get(s.id())));
        long leaked = split.test().samples().stream().map(Sample::id).map(patientOf::get)
                .filter(trainPatients::contains).count();
        try (TrainedModel model = run.train(architecture, preprocessing, config, split.train(), null, null)) {
            DatasetPredictions p = DatasetPredictor.of(model.classifier()).predict(split.test());
            int[] labels = p.isClass(positive);
            double[] scores = p.scores(positive);
            BinaryRates rates = BinaryRates.of(labels, scores, 0.5);
            double auc = RocAuc.binary(labels, scores);
            run.writeReport(run.out().resolve("image-split"), p.report(COVID, 0.5, run.seed()), split.test(),
                    model.history(), "original protocol (image-level split)");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rates", rates);
            json.put("auc", auc);
            json.put("testImagesWhosePatientIsInTraining", leaked);
            run.result("imageLevelSplit", json);
            List<List<String>> rows = new ArrayList<>(rates.rows());
            rows.add(List.of("AUC", Text.number(auc, 3)));
            run.section("Original protocol: image-level " + Math.round(100 * (1 - testFraction)) + "/"
                            + Math.round(100 * testFraction) + " stratified split",
                    "Split by **image**, not by patient, as the original project did (its class folders name no "
                            + "patients). " + split.train().size() + " training images, " + split.test().size()
                            + " test images, threshold 0.5; " + leaked + " test image(s) belong to a patient that also "
                            + "has images in training.\n\n" + Text.table(List.of("metric", "value"), rows)
                            + "\nReport files: `image-split/`.");
        }
    }

    static Map<String, Object> cvJson(CrossValidation cv) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("repeats", cv.rates());
        json.put("aucs", cv.aucs());
        json.put("foldAccuracies", cv.foldAccuracies());
        json.put("meanFoldAccuracy", cv.meanFoldAccuracy());
        json.put("sdFoldAccuracy", cv.sdFoldAccuracy());
        return json;
    }

    /** The original project split its 50 images 80/20. */
    static final class Defaults extends CommandDefaults {
        Defaults() {
            super(Map.of("--test-fraction", "0.2"));
        }
    }

    /** Each fold trained for a fixed number of epochs without validation, seeded by the fold. */
    private static CrossValidation.FoldTrainer foldTrainer(ExperimentRun run, Architecture architecture,
                                                           PreprocessingConfig preprocessing, TrainingConfig config) {
        return (train, seed) -> run.train(architecture, preprocessing, config.toBuilder().optSeed(seed).build(), train,
                null, null).classifier();
    }
}
