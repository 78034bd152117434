package org.covidxray.examples.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.covidxray.data.CohenMetadataDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetMerger;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.KermanyDataset;
import org.covidxray.data.PatientSample;
import org.covidxray.data.PatientSplitter;
import org.covidxray.data.Sample;
import org.covidxray.evaluation.DatasetPredictions;
import org.covidxray.evaluation.DatasetPredictor;
import org.covidxray.examples.options.CommandDefaults;
import org.covidxray.examples.options.SplitOptions;
import org.covidxray.examples.options.TrainingOptions;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.metrics.BinaryRates;
import org.covidxray.metrics.Bootstrap;
import org.covidxray.metrics.ClassRates;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.ConfusionMatrix;
import org.covidxray.metrics.Rate;
import org.covidxray.metrics.ResampledMetric;
import org.covidxray.metrics.RocAuc;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.covidxray.report.EvaluationReport;
import org.covidxray.training.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The usual three-class COVID-19 set-up (Cohen's COVID-19 X-rays + Kermany's normal and pneumonia
 * X-rays, patient-disjoint) and the checks that show what such a model learns: a model trained to tell
 * the <em>source</em> apart, occlusion saliency of correctly classified COVID-19 images, and the
 * specificity on Cohen's own adult non-COVID X-rays, where the source cannot help. Options add
 * Cohen's non-COVID images as training negatives, histogram equalisation and centre cropping, so their
 * effect can be compared run against run.
 */
@Command(name = "covid3", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = Covid3Experiment.Defaults.class,
        description = {"COVID-19 / normal / pneumonia from Cohen + Kermany, patient-disjoint, with the source "
                + "shortcut check, saliency overlays and the specificity on Cohen's adult non-COVID X-rays.",
                "Research software, not a diagnostic device."})
final class Covid3Experiment implements Callable<Integer> {
    static final String COVID = "covid";
    static final List<String> CLASSES = List.of(COVID, "normal", "pneumonia");
    static final List<String> SOURCES = List.of(KermanyDataset.SOURCE, CohenMetadataDataset.SOURCE);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SplitOptions split;

    @Option(names = "--cohen", paramLabel = "DIR", defaultValue = "../shared/data/cohen-covid-chestxray",
            description = "Cohen's covid-chestxray-dataset (metadata.csv, images/) (default: ${DEFAULT-VALUE}).")
    Path cohenRoot;

    @Option(names = "--kermany", paramLabel = "DIR", defaultValue = "../shared/data/kaggle-pneumonia/train",
            description = "Kermany tree with NORMAL/ and PNEUMONIA/ (default: ${DEFAULT-VALUE}).")
    Path kermanyRoot;

    @Option(names = "--views", split = ",", defaultValue = "PA,AP,AP Supine",
            description = "Cohen views to use, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> views;

    @Option(names = "--kermany-per-class", defaultValue = "350",
            description = "Kermany images per class, whole patients sampled with the seed (0 = all; default: ${DEFAULT-VALUE}).")
    int kermanyPerClass;

    @Option(names = "--adult-test-fraction", defaultValue = "0.5",
            description = "Share of Cohen's non-COVID patients held out to measure specificity (default: ${DEFAULT-VALUE}).")
    double adultTestFraction;

    @Option(names = "--adult-negatives",
            description = "Train with the other Cohen non-COVID patients (No Finding, other pneumonias) as negatives.")
    boolean adultNegatives;

    @Option(names = "--saliency", defaultValue = "6",
            description = "Occlusion saliency overlays of this many correctly classified COVID-19 test images (default: ${DEFAULT-VALUE}).")
    int saliencyCount;

    @Option(names = "--source-check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Train a second model to predict the source (Cohen or Kermany) and report its AUC (default: on).")
    boolean sourceCheck;

    @Override
    public Integer call() {
        double valFraction = split.valFraction();
        double testFraction = split.testFraction();
        TrainingOptions training = common.training();
        if (!(valFraction > 0) || !(testFraction > 0) || valFraction + testFraction >= 1
                || !(adultTestFraction > 0 && adultTestFraction <= 1) || saliencyCount < 0) {
            throw new ExperimentException("--val-fraction and --test-fraction must be > 0 and sum below 1, "
                    + "--adult-test-fraction in (0, 1], --saliency >= 0");
        }
        ExperimentRun run = new ExperimentRun("covid3", "COVID-19 / normal / pneumonia, and what the model really learns",
                common, ExperimentCommand.commandLine(spec));
        run.setting("views", views);
        run.setting("kermanyPerClass", kermanyPerClass);
        run.setting("adultNegatives", adultNegatives);
        run.setting("equalize", training.equalize());
        run.setting("centerCrop", training.centerCrop());
        run.setting("augment", training.augment());
        run.setting("classWeights", training.classWeights());

        Dataset cohen = new CohenMetadataDataset().load(DatasetOptions.builder().setRoot(cohenRoot).optViews(views)
                .optClassOrder(CLASSES).optSeed(run.seed()).build());
        run.data("Cohen, views " + views, cohenRoot, cohen);
        Dataset cohenCovid = cohen.filter(cohen.name() + "-covid", s -> COVID.equals(s.label()));
        if (cohenCovid.size() == 0) {
            throw new ExperimentException("Cohen data set " + cohenRoot + " has no COVID-19 images in views " + views
                    + "; check --cohen and --views");
        }
        Set<String> covidPatients = cohenCovid.patients();
        Dataset cohenOther = cohen.filter(cohen.name() + "-non-covid",
                s -> !COVID.equals(s.label()) && !covidPatients.contains(s.patientId()));
        Dataset kermanyAll = new KermanyDataset().load(DatasetOptions.builder().setRoot(kermanyRoot)
                .optClassOrder(List.of("normal", "pneumonia")).optSeed(run.seed()).build());
        run.data("Kermany tree", kermanyRoot, kermanyAll);
        Dataset kermany = PatientSample.perClass(kermanyAll, kermanyPerClass, run.seed());
        Dataset main = DatasetMerger.withClasses(CLASSES).add(cohenCovid, COVID).add(kermany, "normal", "pneumonia")
                .merge("covid3");
        run.data("three-class set: Cohen COVID-19 + Kermany normal/pneumonia", null, main);
        DatasetSplit split = new PatientSplitter(1 - valFraction - testFraction, valFraction, testFraction, run.seed())
                .split(main);
        DatasetSplit adultSplit = new PatientSplitter(1 - adultTestFraction, 0, adultTestFraction, run.seed())
                .split(cohenOther);
        Dataset train = adultNegatives ? split.train().merge(adultSplit.train()) : split.train();
        run.data("training part" + (adultNegatives ? " (with Cohen non-COVID negatives)" : ""), null, train);
        run.data("validation part", null, split.validation());
        run.data("test part", null, split.test());
        run.data("Cohen adult non-COVID, held-out patients", cohenRoot, adultSplit.test());

        Architecture architecture = run.architecture();
        PreprocessingConfig preprocessing = run.preprocessing();
        TrainingConfig config = run.trainingConfig(run.seed()).build();
        int covid = CLASSES.indexOf(COVID);
        try (TrainedModel model = run.train(architecture, preprocessing, config, train, split.validation(), null)) {
            DatasetPredictions test = DatasetPredictor.of(model.classifier()).predict(split.test());
            EvaluationReport report = test.report(COVID, 0.5, run.seed());
            run.writeReport(run.out(), report, split.test(), model.history(), architecture.name() + " 3-class");
            threeClassSection(run, test, report);
            adultSection(run, model, test, adultSplit.test(), covid);
            if (saliencyCount > 0) {
                saliencySection(run, model, test, covid);
            }
        }
        if (sourceCheck) {
            sourceSection(run, architecture, preprocessing, config, split);
        }
        run.claim("Every COVID-19 image comes from Cohen (adults, figures from papers and websites) and every normal or "
                + "pneumonia image from Kermany (children aged 1-5, one hospital): the three-class test scores "
                + "measure, at least in part, how well the model tells these sources apart. They do not show that it "
                + "recognises COVID-19.");
        run.claim("The specificity on Cohen's held-out adult non-COVID X-rays is the number that tests COVID-19 where "
                + "the source cannot help; it rests on few patients (see its interval).");
        run.claim("Saliency maps show what changes the model's output, not where disease is; weight in the border band "
                + "(text, markers, collimation) is a sign of a shortcut.");
        run.claim("COVID-Net's figures come from a different data set (COVIDx) and test split; side by side they "
                + "are context, not a head-to-head comparison.");
        Path summary = run.finish();
        spec.commandLine().getOut().println("Wrote " + summary);
        return 0;
    }

    private void threeClassSection(ExperimentRun run, DatasetPredictions test, EvaluationReport report) {
        ConfusionMatrix matrix = report.confusionMatrix();
        List<ClassRates> rates = ClassRates.of(CLASSES, matrix);
        Rate accuracy = Rate.of(matrix.correct(), matrix.total());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", accuracy);
        json.put("classes", rates);
        json.put("confusionMatrix", matrix.counts());
        json.put("covidAuc", report.binaryIntervals().get("auc"));
        json.put("covidNet", Map.of("accuracy", 0.933, "covidSensitivity", 0.910, "covidPpv", 0.989));
        run.result("threeClass", json);
        ClassRates c = rates.get(0);
        String comparison = Text.table(List.of("", "ours", "COVID-Net (Wang et al. 2020)"), List.of(
                List.of("accuracy", accuracy.text(), "93.3%"),
                List.of("COVID-19 sensitivity", c.sensitivity().text(), "91.0%"),
                List.of("COVID-19 PPV", c.ppv().text(), "98.9%")));
        run.section("Three classes on the patient-disjoint test part",
                "Most probable class. Rows of the confusion matrix are true classes " + CLASSES + ": "
                        + Arrays.deepToString(matrix.counts()) + ". COVID-19-versus-rest AUC "
                        + Text.withInterval(report.binaryIntervals().get("auc"), 3) + ".\n\n"
                        + Text.classRatesTable(rates) + "\n" + comparison);
    }

    private void adultSection(ExperimentRun run, TrainedModel model, DatasetPredictions test, Dataset adults, int covid) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (adults.size() == 0) {
            run.result("adultNonCovid", null);
            run.section("Cohen's adult non-COVID X-rays", "None held out (no such images in the selected views).");
            return;
        }
        DatasetPredictions p = DatasetPredictor.of(model.classifier()).predict(adults);
        int calledCovid = 0;
        for (double[] row : p.probabilities()) {
            if (ConfusionMatrix.argmax(row) == covid) {
                calledCovid++;
            }
        }
        Rate specificity = Rate.of(adults.size() - calledCovid, adults.size());
        // COVID-19 against non-COVID within Cohen only: both sides share the source
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < test.labels().length; i++) {
            if (test.labels()[i] == covid) {
                labels.add(1);
                scores.add(test.probabilities()[i][covid]);
                patients.add(test.patients()[i]);
            }
        }
        for (int i = 0; i < adults.size(); i++) {
            labels.add(0);
            scores.add(p.probabilities()[i][covid]);
            patients.add(p.patients()[i]);
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        ConfidenceInterval auc = Bootstrap.withSeed(run.seed()).interval(ResampledMetric.binary(l, s, RocAuc::binary),
                l.length, patients.toArray(String[]::new));
        json.put("images", adults.size());
        json.put("patients", adults.patients().size());
        json.put("calledCovid", calledCovid);
        json.put("specificity", specificity);
        json.put("withinCohenCovidAuc", auc);
        json.put("byFinding", byFinding(adults, p, covid));
        run.result("adultNonCovid", json);
        run.section("Where the source cannot help: Cohen's adult non-COVID X-rays",
                adults.size() + " images of " + adults.patients().size() + " held-out Cohen patients (No Finding and "
                        + "other pneumonias; every such patient in the shared subset whose age is recorded is an adult). "
                        + "Called COVID-19 (most probable class): " + calledCovid + ". Specificity (not called COVID-19): "
                        + specificity.text() + ".\n\nCOVID-19 probability, Cohen COVID-19 test images against these: AUC "
                        + Text.withInterval(auc, 3) + " (patient bootstrap).\n\nBy finding: " + json.get("byFinding"));
    }

    private static Map<String, String> byFinding(Dataset adults, DatasetPredictions p, int covid) {
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < adults.size(); i++) {
            int[] c = counts.computeIfAbsent(adults.get(i).attribute(Sample.FINDING), k -> new int[2]);
            c[0] += ConfusionMatrix.argmax(p.probabilities()[i]) == covid ? 1 : 0;
            c[1]++;
        }
        Map<String, String> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v[0] + " of " + v[1] + " called COVID-19"));
        return out;
    }

    private void saliencySection(ExperimentRun run, TrainedModel model, DatasetPredictions test, int covid) {
        List<Sample> correct = new ArrayList<>();
        for (int i = 0; i < test.labels().length; i++) {
            if (test.labels()[i] == covid && ConfusionMatrix.argmax(test.probabilities()[i]) == covid) {
                correct.add(test.samples().get(i));
            }
        }
        SaliencyGallery.section(run, model.classifier(), correct, saliencyCount, covid, "saliency");
    }

    private void sourceSection(ExperimentRun run, Architecture architecture, PreprocessingConfig preprocessing,
                               TrainingConfig config, DatasetSplit split) {
        Dataset train = SourceCheck.bySource(split.train(), SOURCES);
        Dataset validation = SourceCheck.bySource(split.validation(), SOURCES);
        Dataset test = SourceCheck.bySource(split.test(), SOURCES);
        int cohen = SOURCES.indexOf(CohenMetadataDataset.SOURCE);
        try (TrainedModel model = run.train(architecture, preprocessing, config, train, validation, null)) {
            DatasetPredictions p = DatasetPredictor.of(model.classifier()).predict(test);
            EvaluationReport report = p.report(CohenMetadataDataset.SOURCE, 0.5, run.seed());
            run.writeReport(run.out().resolve("source-check"), report, test, model.history(), architecture.name()
                    + " source classifier");
            ConfidenceInterval auc = report.binaryIntervals().get("auc");
            BinaryRates rates = BinaryRates.of(p.isClass(cohen), p.scores(cohen), 0.5);
            run.result("sourceCheck", Map.of("auc", auc, "rates", rates));
            run.section("Shortcut check: predicting the source",
                    "The same architecture, preprocessing and training settings, trained on the same training images "
                            + "to predict the source (Cohen or Kermany) instead of the class. Test AUC for Cohen: "
                            + Text.withInterval(auc, 3) + "; accuracy " + rates.accuracy().text() + ". An AUC near 1 "
                            + "means the source is trivially visible in the pixels, so class labels that follow the "
                            + "source can be learned without any sign of disease. Report files: `source-check/`.");
        }
    }

    /** Cohen's COVID-19 images are few beside Kermany's: the loss is balanced unless asked otherwise. */
    static final class Defaults extends CommandDefaults {
        Defaults() {
            super(Map.of("--class-weights", "balanced"));
        }
    }
}
