package org.covidxray.evaluation;

import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetSplit;
import org.covidxray.data.Fold;
import org.covidxray.data.PatientKFold;
import org.covidxray.data.PatientSplitter;
import org.covidxray.metrics.Bootstrap;
import org.covidxray.metrics.ConfidenceInterval;
import org.covidxray.metrics.Rate;
import org.covidxray.metrics.ResampledMetric;
import org.covidxray.metrics.RocAuc;
import org.covidxray.metrics.SourceRates;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patient-disjoint k-fold cross-validation of a model trained on several sources at once, reported per
 * source: every patient is tested exactly once, by the fold model that never saw it, at the threshold that
 * fold chose on a validation part of its own training patients. A single held-out split tests a small source
 * on a handful of images (17 of Cohen's non-COVID films); k folds test all of them.
 *
 * <p>Folds are stratified by source and class ({@link PatientKFold#bySourceAndClass()}). Each fold's training
 * patients are split again by patient into training and validation ({@code validationFraction} of them).
 * Counts (sensitivity, specificity) are summed over the folds, each image judged at its own fold's threshold;
 * the per-source AUC ranks the out-of-fold scores of all k models together, so it also carries how much the
 * models' scales differ.
 */
public final class SourceCrossValidation {
    private static final Logger LOG = LoggerFactory.getLogger(SourceCrossValidation.class);

    /** Trains fold {@code fold}'s model on {@code train}, validating on {@code validation}; the caller closes it. */
    @FunctionalInterface
    public interface Trainer {
        Classifier train(Dataset train, Dataset validation, int fold);
    }

    /**
     * One fold.
     *
     * @param index the fold, from 0
     * @param trainImages images the fold's model was trained on
     * @param validationImages images its threshold was chosen on
     * @param rule that threshold
     * @param evaluation the model on the fold's test patients at that threshold
     */
    public record FoldResult(int index, int trainImages, int validationImages, DecisionRule rule,
                             Evaluation evaluation) {
    }

    /**
     * Every fold, and per source the folds' test results together.
     *
     * @param folds the folds in order
     * @param positiveClass the class against the rest
     * @param bySource per source (name order): counts summed over the folds, out-of-fold AUC
     * @param predictions every image's out-of-fold probabilities, fold by fold
     */
    public record Result(List<FoldResult> folds, String positiveClass, List<SourceRates> bySource,
                         DatasetPredictions predictions) {
        public Result {
            folds = List.copyOf(folds);
            bySource = List.copyOf(bySource);
        }

        /** The named sources' rows as one (counts summed; AUC over their out-of-fold scores together). */
        public SourceRates combined(String name, Collection<String> sources) {
            List<SourceRates> rows = bySource.stream().filter(r -> sources.contains(r.source())).toList();
            SourceRates counts = SourceRates.pooled(name, rows);
            return new SourceRates(name, counts.sensitivity(), counts.specificity(),
                    auc(predictions, positiveClass, sources));
        }

        /**
         * The positive class's out-of-fold AUC over the named sources with a patient-bootstrap interval
         * (a patient's films are drawn together); undefined where the sources lack either kind of image.
         */
        public ConfidenceInterval aucInterval(Collection<String> sources, Bootstrap bootstrap) {
            Scores s = Scores.of(predictions, positiveClass, sources);
            return bootstrap.interval(ResampledMetric.binary(s.labels(), s.scores(), RocAuc::binary), s.labels().length,
                    s.patients());
        }

        /**
         * Writes every image's out-of-fold probabilities as a predictions CSV ({@link DatasetPredictions#writeCsv}),
         * each row's {@code predicted} decided at the threshold of the fold that tested it; {@code covid metrics
         * --csv} reads it, and two recipes' files of the same data and seed compare image by image.
         */
        public void writeCsv(Path target) {
            DecisionRule[] ruleOfRow = new DecisionRule[predictions.size()];
            int row = 0;
            for (FoldResult fold : folds) {
                for (int i = 0; i < fold.evaluation().predictions().size(); i++) {
                    ruleOfRow[row++] = fold.rule();
                }
            }
            if (row != ruleOfRow.length) {
                throw new IllegalStateException("the folds tested " + row + " images, the predictions hold "
                        + ruleOfRow.length);
            }
            predictions.writeCsv(target, i -> ruleOfRow[i]);
        }

        /** Every source as one row. */
        public SourceRates all() {
            return combined("all", bySource.stream().map(SourceRates::source).toList());
        }
    }

    private final int k;
    private final double validationFraction;
    private final long seed;
    private final String positiveClass;

    /**
     * @param k number of folds, at least 2
     * @param validationFraction share of each fold's training patients used to choose its threshold
     * @param seed fold, split and bootstrap seed
     * @param positiveClass the class against the rest (e.g. {@code covid})
     */
    public SourceCrossValidation(int k, double validationFraction, long seed, String positiveClass) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs k >= 2 folds, got " + k);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), was " + validationFraction);
        }
        this.k = k;
        this.validationFraction = validationFraction;
        this.seed = seed;
        this.positiveClass = Objects.requireNonNull(positiveClass, "positiveClass");
    }

    /** Trains and tests the k fold models on {@code data}. */
    public Result run(Dataset data, Trainer trainer) {
        if (!data.classNames().contains(positiveClass)) {
            throw new EvaluationException("Data set '" + data.name() + "' has no class '" + positiveClass
                    + "'; its classes are " + data.classNames() + ".");
        }
        List<FoldResult> folds = new ArrayList<>();
        List<DatasetPredictions> parts = new ArrayList<>();
        for (Fold fold : new PatientKFold(k, seed).bySourceAndClass().split(data)) {
            DatasetSplit split = new PatientSplitter(1 - validationFraction, validationFraction, 0, seed + fold.index())
                    .split(fold.train());
            LOG.info("Cross-validation fold {}/{}: training on {} images, validation {}, test {}", fold.index() + 1, k,
                    split.train().size(), split.validation().size(), fold.test().size());
            try (Classifier model = trainer.train(split.train(), split.validation(), fold.index())) {
                DecisionRule rule = DecisionRules.youden(model, split.validation(), positiveClass);
                Classifier decided = model.withManifest(model.manifest().withDecisionRule(rule));
                Evaluation evaluation = Evaluator.evaluate(decided, fold.test(),
                        EvaluationOptions.defaults().withPositiveClass(positiveClass).withSeed(seed));
                folds.add(new FoldResult(fold.index(), split.train().size(), split.validation().size(), rule,
                        evaluation));
                parts.add(evaluation.predictions());
            }
        }
        DatasetPredictions all = DatasetPredictions.concat(parts);
        return new Result(folds, positiveClass, bySource(folds, all), all);
    }

    private List<SourceRates> bySource(List<FoldResult> folds, DatasetPredictions all) {
        Map<String, List<SourceRates>> rows = new TreeMap<>();
        for (FoldResult fold : folds) {
            for (SourceRates r : fold.evaluation().bySource()) {
                rows.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r);
            }
        }
        List<SourceRates> out = new ArrayList<>();
        rows.forEach((source, list) -> {
            SourceRates counts = SourceRates.pooled(source, list);
            out.add(new SourceRates(source, counts.sensitivity(), counts.specificity(),
                    auc(all, positiveClass, List.of(source))));
        });
        return out;
    }

    /** The positive class's AUC over the out-of-fold scores of the named sources (NaN without both kinds). */
    private static double auc(DatasetPredictions predictions, String positiveClass, Collection<String> sources) {
        Scores s = Scores.of(predictions, positiveClass, sources);
        return RocAuc.binary(s.labels(), s.scores());
    }

    /** The named sources' labelled images: 1 for the positive class, its out-of-fold score, the patient. */
    private record Scores(int[] labels, double[] scores, String[] patients) {
        static Scores of(DatasetPredictions predictions, String positiveClass, Collection<String> sources) {
            int positive = predictions.classNames().indexOf(positiveClass);
            List<String> perImage = predictions.sources();
            int[] labels = predictions.labels();
            double[] scores = predictions.scores(positive);
            String[] patients = predictions.patients();
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < perImage.size(); i++) {
                if (sources.contains(perImage.get(i)) && labels[i] >= 0) {
                    keep.add(i);
                }
            }
            int[] l = new int[keep.size()];
            double[] s = new double[keep.size()];
            String[] p = new String[keep.size()];
            for (int j = 0; j < l.length; j++) {
                l[j] = labels[keep.get(j)] == positive ? 1 : 0;
                s[j] = scores[keep.get(j)];
                p[j] = patients[keep.get(j)];
            }
            return new Scores(l, s, p);
        }
    }
}
