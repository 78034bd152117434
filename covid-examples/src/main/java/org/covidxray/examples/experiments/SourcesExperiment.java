package org.covidxray.examples.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.KermanyDataset;
import org.covidxray.data.PatientSample;
import org.covidxray.data.Sample;
import org.covidxray.evaluation.DatasetPredictions;
import org.covidxray.evaluation.DecisionRules;
import org.covidxray.evaluation.Evaluation;
import org.covidxray.evaluation.EvaluationOptions;
import org.covidxray.evaluation.Evaluator;
import org.covidxray.evaluation.LeaveOneSourceOut;
import org.covidxray.evaluation.SourceCrossValidation;
import org.covidxray.evaluation.SourceProbe;
import org.covidxray.evaluation.SourcesLeftOutCard;
import org.covidxray.examples.options.CommandDefaults;
import org.covidxray.examples.options.SplitOptions;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.metrics.Bootstrap;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.SourceRates;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.TrainingConfig;
import org.covidxray.sources.DataSources;
import org.covidxray.sources.LoadedSources;
import org.covidxray.sources.SourceKind;
import org.covidxray.training.TrainedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Leave-one-source-out: the check of issue 11 that a COVID-19 model recognises the disease, not the
 * collection an image came from. All five shared collections are loaded together (each film once), each
 * source's share of each class is capped, and for each held-out source a model is trained on the others,
 * its threshold chosen on their validation part and applied to the whole held-out source. A pooled model
 * trained on every source gives the per-source results on held-out patients beside it.
 */
@Command(name = "sources", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = SourcesExperiment.Defaults.class,
        description = {"Leave-one-source-out: train without each source, evaluate on it at the validation threshold; "
                + "plus a pooled model's held-out results per source.",
                "Research software, not a diagnostic device."})
final class SourcesExperiment implements Callable<Integer> {
    static final String COVID = "covid";
    static final List<String> CLASSES = List.of(COVID, "normal", "pneumonia");
    static final String OTHER = "other";
    static final String HANNOVER = "mhh-covid19";
    static final String NIH = "nih-chestxray14-adult";
    static final String COHEN = "cohen-covid-chestxray";
    static final String COHEN_JULY = "cohen-covid-chestxray-2020-07";
    /** The report file of every image's out-of-fold probabilities ({@code --folds}). */
    static final String CROSS_VALIDATION_CSV = "cross-validation-predictions.csv";
    private static final Logger LOG = LoggerFactory.getLogger(SourcesExperiment.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SplitOptions split;

    @Option(names = "--shared", paramLabel = "DIR", defaultValue = "../shared/data",
            description = "Folder holding kaggle-pneumonia/, cohen-covid-chestxray/, cohen-covid-chestxray-2020-07/, "
                    + "nih-chestxray14-adult/ and mhh-covid19/ (default: ${DEFAULT-VALUE}).")
    Path shared;

    @Option(names = "--hold-out", split = ",", paramLabel = "SOURCE",
            defaultValue = HANNOVER + "," + NIH + "," + COHEN_JULY + "," + KermanyDataset.SOURCE,
            description = "Sources to leave out one at a time (default: ${DEFAULT-VALUE}); 'none' for the pooled model only.")
    List<String> holdOut;

    @Option(names = "--cap", defaultValue = "400",
            description = "At most about this many images of each class of each source, whole patients sampled with "
                    + "the seed (0 = all; default: ${DEFAULT-VALUE}).")
    int cap;

    @Option(names = "--no-dedup", description = "Keep every copy of a film found in several sources (default: each "
            + "film once, found by content).")
    boolean noDedup;

    @Option(names = "--pooled", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train on every source and report held-out patients per source (default: on).")
    boolean pooled;

    @Option(names = "--two-class",
            description = "COVID-19 against the rest: normal and pneumonia merged into one class 'other' before "
                    + "training (caps still count them apart; default: the three classes).")
    boolean twoClass;

    @Option(names = "--folds", defaultValue = "0", paramLabel = "K",
            description = "Also cross-validate the pooled recipe over K patient folds (stratified by source and class): "
                    + "every capped image is tested once by a model that never saw its patient, at that model's "
                    + "validation threshold, and reported per source (0 = off; default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--ensemble", defaultValue = "1", paramLabel = "N",
            description = "Every model of the run (left-out sources, pooled, folds) is N networks trained with seeds "
                    + "seed, seed + 1, ..., their probabilities averaged; N times the training time (the source check "
                    + "stays one network; the pooled model's feature probe is left out, an average has no feature "
                    + "vector; default: ${DEFAULT-VALUE}).")
    int ensembleSize;

    @Option(names = "--saliency", defaultValue = "6",
            description = "Occlusion saliency overlays of this many correctly classified COVID-19 test images of the "
                    + "pooled model, with their border share (default: ${DEFAULT-VALUE}).")
    int saliencyCount;

    @Option(names = "--source-check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train the same network to predict the source on the pooled split (default: on).")
    boolean sourceCheck;

    @Option(names = "--card", paramLabel = "MODEL.zip",
            description = "Write the leave-one-source-out results (and with --folds the cross-validated ones) into "
                    + "this model's card, replacing only the kind of rows this run measured; it must have been trained "
                    + "with the same network, preprocessing and training settings (checked before training).")
    Path card;

    @Override
    public Integer call() {
        double valFraction = split.valFraction();
        double testFraction = split.testFraction();
        if (!(valFraction > 0) || !(testFraction > 0) || valFraction + testFraction >= 1) {
            throw new ExperimentException("--val-fraction and --test-fraction must be > 0 and sum below 1");
        }
        if (folds == 1 || folds < 0) {
            throw new ParameterException(spec.commandLine(), "--folds must be 0 (off) or at least 2, was " + folds);
        }
        if (ensembleSize < 1) {
            throw new ParameterException(spec.commandLine(), "--ensemble must be at least 1, was " + ensembleSize);
        }
        if (ensembleSize > 1 && card != null) {
            throw new ParameterException(spec.commandLine(), "--card writes results into one network's card; an "
                    + "ensemble's results (--ensemble " + ensembleSize + ") describe another model. Drop one of them.");
        }
        ExperimentRun run = new ExperimentRun("sources", "Leave one source out: COVID-19 or the collection?", common,
                ExperimentCommand.commandLine(spec));
        run.setting("cap", cap);
        run.setting("valFraction", valFraction);
        run.setting("testFraction", testFraction);
        run.setting("ensemble", ensembleSize);

        LoadedSources loaded = DataSources.builder().optClasses(CLASSES).optSeed(run.seed()).optDeduplicate(!noDedup)
                .optFingerprintCache(run.out().resolve("fingerprints.tsv"))
                .addSource(SourceKind.KERMANY, shared.resolve("kaggle-pneumonia/train"))
                .addSource(SourceKind.COHEN, shared.resolve(COHEN))
                .addSource(SourceKind.COHEN, shared.resolve(COHEN_JULY))
                .addSource(SourceKind.COVIDNET, shared.resolve(NIH))
                .addSource(SourceKind.COVIDNET, shared.resolve(HANNOVER))
                .build().load();
        Dataset all = twoClass ? loaded.dataset().withClassesMerged(List.of("normal", "pneumonia"), OTHER)
                : loaded.dataset();
        run.setting("classes", all.classNames());
        run.data("five collections, each film once", shared, all);
        if (loaded.deduplication() != null) {
            run.section("Duplicates", loaded.deduplication().toText());
        }
        Dataset data = PatientSample.perSourceAndClass(all, cap, run.seed());
        run.data("capped per source and class (training data of the pooled model; each left-out source is "
                + "evaluated whole)", null, data);

        Architecture architecture = run.architecture();
        PreprocessingConfig preprocessing = run.preprocessing();
        TrainingConfig config = run.trainingConfig(run.seed()).build();

        if (card != null) {
            List<String> differences = SourcesLeftOutCard.differences(ModelBundle.read(card).manifest(), architecture,
                    preprocessing, config);
            if (!differences.isEmpty()) {
                throw new ExperimentException("--card " + card + " was trained with another recipe than this run's: "
                        + String.join("; ", differences) + ". Give the options it was trained with.");
            }
        }
        List<String> leftOut = holdOut.size() == 1 && holdOut.get(0).equals("none") ? List.of() : holdOut;
        LeaveOneSourceOut protocol = new LeaveOneSourceOut(valFraction, run.seed(), COVID)
                .withTrainingSelection(rest -> PatientSample.perSourceAndClass(rest, cap, run.seed()));
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> foldJson = new ArrayList<>();
        List<LeaveOneSourceOut.Fold> done = new ArrayList<>();
        for (String source : leftOut) {
            LeaveOneSourceOut.Fold fold = protocol.runOne(all, source,
                    (train, validation, heldOut) -> Ensemble.trainAveraged(run, ensembleSize, architecture,
                            preprocessing, config, train, validation).classifier());
            done.add(fold);
            rows.add(row(fold.source() + " (left out)", fold.evaluation(), fold.rule()));
            foldJson.add(json(fold.source(), fold.evaluation(), fold.rule(), fold.trainImages()));
            LOG.info("Held-out source {}: sensitivity {}, specificity {}", source, fold.sensitivity().text(),
                    fold.specificity().text());
        }
        run.result("leaveOneSourceOut", foldJson);
        if (card != null && !done.isEmpty()) {
            SourcesLeftOutCard.write(card, SourcesLeftOutCard.rows(done), architecture, preprocessing, config);
            run.setting("card", card.toString());
        }
        List<String> header = List.of("evaluated on", "images", "COVID-19 sensitivity", "specificity (not COVID-19)",
                "COVID-19 AUC", "pneumonia AUC", "threshold (validation)");
        if (!rows.isEmpty()) {
            run.section("Each source left out of training",
                    "Trained on the other sources, threshold on P(covid) chosen by Youden's J on their validation "
                            + "part, evaluated on every image of the source left out.\n\n" + Text.table(header, rows));
        }
        if (pooled || sourceCheck) {
            DatasetSplit parts = split.splitter(run.seed()).split(data);
            if (pooled) {
                pooledSection(run, parts, architecture, preprocessing, config, header);
            }
            if (sourceCheck) {
                SourceCheck.run(run, architecture, preprocessing, config, parts);
            }
        }
        if (folds >= 2) {
            SourceCrossValidation.Result cv = crossValidationSection(run, data, valFraction, architecture,
                    preprocessing, config);
            if (card != null) {
                SourcesLeftOutCard.writeCrossValidated(card, SourcesLeftOutCard.rows(cv), architecture, preprocessing,
                        config);
                run.setting("card", card.toString());
            }
        }
        run.claim("A source left out of training is a new collection for the model, but not a new hospital in every "
                + "sense: Cohen's collection re-publishes films of other collections (each film is kept once here, found "
                + "by content; five off-centre Cohen copies of Hannover films are not found).");
        run.claim("Every NIH and Kermany image is a non-COVID image and every Hannover image a COVID-19 image: on those "
                + "sources only one of sensitivity and specificity is defined.");
        run.claim("Sensitivity and specificity intervals are Wilson intervals over images; several images of one patient "
                + "make them too narrow. The cross-validation AUC intervals resample patients.");
        Path summary = run.finish();
        spec.commandLine().getOut().println("Wrote " + summary);
        return 0;
    }

    private void pooledSection(ExperimentRun run, DatasetSplit parts, Architecture architecture,
                               PreprocessingConfig preprocessing, TrainingConfig config, List<String> header) {
        run.data("pooled: test part", null, parts.test());
        try (TrainedModel model = Ensemble.trainAveraged(run, ensembleSize, architecture, preprocessing, config,
                parts.train(), parts.validation())) {
            DecisionRule rule = DecisionRules.youden(model.classifier(), parts.validation(), COVID);
            Classifier decided = model.classifier().withManifest(model.classifier().manifest().withDecisionRule(rule));
            Evaluation test = Evaluator.evaluate(decided, parts.test(),
                    EvaluationOptions.defaults().withPositiveClass(COVID).withSeed(run.seed()));
            run.writeReport(run.out().resolve("pooled"), test.report(), parts.test(), model.history(),
                    architecture.name() + " pooled");
            List<List<String>> rows = new ArrayList<>();
            List<Map<String, Object>> json = new ArrayList<>();
            for (SourceRates r : test.bySource()) {
                Dataset part = parts.test().filter(r.source(),
                        s -> r.source().equals(s.attribute(Sample.SOURCE)));
                Evaluation one = Evaluator.evaluate(decided, part,
                        EvaluationOptions.defaults().withPositiveClass(COVID).withSeed(run.seed()));
                rows.add(row(r.source() + " (held-out patients)", one, rule));
                json.add(json(r.source(), one, rule, parts.train().size()));
            }
            rows.add(row("all sources (held-out patients)", test, rule));
            run.result("pooled", json);
            run.section("Every source in training, held-out patients",
                    "One model trained on all sources; the test part's patients are in no training or validation "
                            + "image. Report files: `pooled/`.\n\n" + Text.table(header, rows));
            probeSection(run, model.classifier(), parts);
            if (saliencyCount > 0) {
                SaliencyGallery.section(run, decided, calledCovid(test, rule), saliencyCount,
                        decided.classNames().indexOf(COVID), "pooled-saliency");
            }
        }
    }

    /** The pooled recipe over k patient folds: every capped image tested once, per source. */
    private SourceCrossValidation.Result crossValidationSection(ExperimentRun run, Dataset data, double valFraction, Architecture architecture,
                                        PreprocessingConfig preprocessing, TrainingConfig config) {
        SourceCrossValidation.Result cv = new SourceCrossValidation(folds, valFraction, run.seed(), COVID).run(data,
                (train, validation, fold) -> Ensemble.trainAveraged(run, ensembleSize, architecture, preprocessing,
                        config, train, validation).classifier());
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        List<SourceRates> shown = new ArrayList<>(cv.bySource());
        List<String> cohen = cv.bySource().stream().map(SourceRates::source).filter(s -> s.startsWith(COHEN)).toList();
        if (cohen.size() > 1) {
            shown.add(cv.combined(String.join(" + ", cohen), cohen));
        }
        shown.add(cv.all());
        Map<String, List<String>> members = new LinkedHashMap<>();
        cv.bySource().forEach(r -> members.put(r.source(), List.of(r.source())));
        if (cohen.size() > 1) {
            members.put(String.join(" + ", cohen), cohen);
        }
        members.put("all", cv.bySource().stream().map(SourceRates::source).toList());
        Bootstrap bootstrap = Bootstrap.withSeed(run.seed());
        for (SourceRates r : shown) {
            ConfidenceInterval auc = cv.aucInterval(members.get(r.source()), bootstrap);
            rows.add(List.of(r.source(), String.valueOf(r.sensitivity().trials() + r.specificity().trials()),
                    r.sensitivity().text(), r.specificity().text(), Text.withInterval(auc, 3)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", r.source());
            m.put("sensitivity", r.sensitivity());
            m.put("specificity", r.specificity());
            m.put("covidAuc", r.auc());
            m.put("covidAucInterval", auc);
            json.add(m);
        }
        Path csv = run.out().resolve(CROSS_VALIDATION_CSV);
        cv.writeCsv(csv);
        List<List<String>> foldRows = new ArrayList<>();
        List<Map<String, Object>> foldJson = new ArrayList<>();
        for (SourceCrossValidation.FoldResult f : cv.folds()) {
            SourceRates all = pool(f.evaluation());
            foldRows.add(List.of(String.valueOf(f.index() + 1), String.valueOf(f.trainImages()),
                    String.valueOf(f.validationImages()), String.valueOf(f.evaluation().report().images()),
                    String.format(Locale.ROOT, "%.3f", f.rule().threshold()), all.sensitivity().text(),
                    all.specificity().text(), Text.number(all.auc(), 3)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fold", f.index() + 1);
            m.put("trainImages", f.trainImages());
            m.put("validationImages", f.validationImages());
            m.put("testImages", f.evaluation().report().images());
            m.put("threshold", f.rule().threshold());
            m.put("sensitivity", all.sensitivity());
            m.put("specificity", all.specificity());
            m.put("covidAuc", all.auc());
            foldJson.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("folds", folds);
        result.put("bySource", json);
        result.put("perFold", foldJson);
        run.result("crossValidation", result);
        run.section("Every source in training, " + folds + "-fold cross-validation by patient",
                "The pooled recipe trained " + folds + " times; the folds split the capped data by patient, stratified "
                        + "by source and class, so every image is tested exactly once by a model that never saw its "
                        + "patient. Each fold's threshold on P(covid) is chosen by Youden's J on a validation part of its "
                        + "own training patients; counts are summed over the folds, each image judged at its fold's "
                        + "threshold. The AUC ranks the out-of-fold scores of all folds' models together (95% patient-bootstrap "
                        + "interval). Every image's out-of-fold probabilities: `" + CROSS_VALIDATION_CSV + "` (`covid "
                        + "metrics --csv`; `--versus` compares two recipes' files image by image).\n\n"
                        + Text.table(List.of("tested on (out of fold)", "images", "COVID-19 sensitivity",
                        "specificity (not COVID-19)", "COVID-19 AUC"), rows)
                        + "\nPer fold (all sources):\n\n"
                        + Text.table(List.of("fold", "training images", "validation images", "test images",
                        "threshold (validation)", "COVID-19 sensitivity", "specificity", "COVID-19 AUC"), foldRows));
        return cv;
    }

    /** The pooled model's features: how well a linear probe names the source within each class. */
    private static void probeSection(ExperimentRun run, Classifier classifier, DatasetSplit parts) {
        if (!classifier.supportsFeatures()) {
            return;
        }
        List<SourceProbe.ClassProbe> probes = SourceProbe.run(classifier, parts.train(), parts.test());
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        for (SourceProbe.ClassProbe p : probes) {
            StringBuilder aucs = new StringBuilder();
            p.auc().forEach((source, auc) -> aucs.append(aucs.length() == 0 ? "" : ", ").append(source).append(' ')
                    .append(Text.number(auc, 3)));
            rows.add(List.of(p.className(), String.valueOf(p.accuracy().trials()), p.accuracy().text(),
                    p.majority().text(), aucs.toString()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", p.className());
            m.put("sources", p.sources());
            m.put("accuracy", p.accuracy());
            m.put("majority", p.majority());
            m.put("oneVsRestAuc", p.auc());
            json.add(m);
        }
        run.result("sourceProbe", json);
        run.section("Shortcut check in the model's features: the source within each class",
                "A linear probe (softmax regression on the pooled model's standardised features, the final dense "
                        + "layer's input) fitted on the training part to name the source of images of one class, scored "
                        + "on the test part. Beside it the share of the class's most frequent training source: what naming "
                        + "the source without the features gives. The nearer the probe is to it, the less the features "
                        + "carry the collection beyond the class.\n\n"
                        + Text.table(List.of("class", "test images", "probe names the source", "most frequent source",
                        "one-vs-rest AUC within the class"), rows));
    }

    /** COVID-19 test images the rule calls COVID-19. */
    private static List<Sample> calledCovid(Evaluation test, DecisionRule rule) {
        DatasetPredictions p = test.predictions();
        int covid = p.classNames().indexOf(COVID);
        List<Sample> correct = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.labels()[i] == covid && rule.decide(p.classNames(), p.probabilities()[i]) == covid) {
                correct.add(p.samples().get(i));
            }
        }
        return correct;
    }

    private static List<String> row(String name, Evaluation e, DecisionRule rule) {
        SourceRates pooledRates = pool(e);
        return List.of(name, String.valueOf(e.report().images()), pooledRates.sensitivity().text(),
                pooledRates.specificity().text(), Text.number(pooledRates.auc(), 3),
                Text.number(e.report().classNames().contains("pneumonia") ? e.report().oneVsRestAuc().of("pneumonia")
                        : Double.NaN, 3),
                String.format(Locale.ROOT, "%.3f", rule.threshold()));
    }

    /** The positive class against the rest over every source of an evaluation, with its AUC. */
    private static SourceRates pool(Evaluation e) {
        SourceRates all = SourceRates.pooled("all", e.bySource());
        return new SourceRates("all", all.sensitivity(), all.specificity(),
                e.report().binaryIntervals().get("auc").estimate());
    }

    private static Map<String, Object> json(String source, Evaluation e, DecisionRule rule, int trainImages) {
        SourceRates r = pool(e);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("images", e.report().images());
        m.put("patients", e.report().patients());
        m.put("trainImages", trainImages);
        m.put("threshold", rule.threshold());
        m.put("sensitivity", r.sensitivity());
        m.put("specificity", r.specificity());
        m.put("covidAuc", r.auc());
        m.put("oneVsRestAuc", e.report().oneVsRestAuc());
        return m;
    }

    /** Few COVID-19 images beside many others in most training sets: the loss is balanced unless asked otherwise. */
    static final class Defaults extends CommandDefaults {
        Defaults() {
            super(Map.of("--class-weights", "balanced"));
        }
    }
}
