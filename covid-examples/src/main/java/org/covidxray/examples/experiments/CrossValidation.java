package org.covidxray.examples.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.covidxray.data.Dataset;
import org.covidxray.data.Fold;
import org.covidxray.data.PatientKFold;
import org.covidxray.evaluation.DatasetPredictions;
import org.covidxray.evaluation.DatasetPredictor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.metrics.BinaryRates;
import org.covidxray.metrics.RocAuc;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.covidxray.training.TrainedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patient-disjoint, stratified, repeated k-fold cross-validation of a binary task: each repeat
 * reshuffles the patients (seed + repeat), trains one model per fold for a fixed number of epochs
 * (no validation part: the folds are too small to spare one), and pools the test-fold predictions so
 * that every image is predicted exactly once per repeat.
 *
 * @param pooled the pooled test predictions of each repeat
 * @param rates threshold metrics of each repeat's pooled predictions (at 0.5)
 * @param aucs AUC of each repeat's pooled predictions
 * @param foldAccuracies accuracy of every single test fold, all repeats
 */
record CrossValidation(List<DatasetPredictions> pooled, List<BinaryRates> rates, List<Double> aucs,
                       List<Double> foldAccuracies) {
    private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);

    static CrossValidation run(ExperimentRun run, Dataset dataset, int positive, int k, int repeats,
                               Architecture architecture, PreprocessingConfig preprocessing, TrainingConfig config) {
        List<DatasetPredictions> pooled = new ArrayList<>();
        List<BinaryRates> rates = new ArrayList<>();
        List<Double> aucs = new ArrayList<>();
        List<Double> foldAccuracies = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            List<Fold> folds = new PatientKFold(k, run.seed() + r).split(dataset);
            List<DatasetPredictions> parts = new ArrayList<>();
            for (Fold fold : folds) {
                LOG.info("Cross-validation of {}: repeat {}/{}, fold {}/{} ({} training, {} test images)",
                        dataset.name(), r + 1, repeats, fold.index() + 1, k, fold.train().size(), fold.test().size());
                TrainingConfig seeded = config.toBuilder().optSeed(run.seed() + 1000L * r + fold.index()).build();
                try (TrainedModel model = run.train(architecture, preprocessing, seeded, fold.train(), null, null)) {
                    DatasetPredictions p = DatasetPredictor.of(model.classifier()).predict(fold.test());
                    parts.add(p);
                    BinaryRates foldRates = BinaryRates.of(p.isClass(positive), p.scores(positive), 0.5);
                    foldAccuracies.add(foldRates.accuracy().estimate());
                }
            }
            DatasetPredictions all = DatasetPredictions.concat(parts);
            pooled.add(all);
            int[] labels = all.isClass(positive);
            double[] scores = all.scores(positive);
            rates.add(BinaryRates.of(labels, scores, 0.5));
            aucs.add(RocAuc.binary(labels, scores));
        }
        return new CrossValidation(pooled, rates, aucs, foldAccuracies);
    }

    double meanFoldAccuracy() {
        return foldAccuracies.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    double sdFoldAccuracy() {
        double mean = meanFoldAccuracy();
        double[] v = foldAccuracies.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** A Markdown table: one row per repeat, then the per-fold spread. */
    String table() {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < rates.size(); r++) {
            BinaryRates b = rates.get(r);
            rows.add(List.of("repeat " + (r + 1) + " (pooled)", b.accuracy().text(), b.sensitivity().text(),
                    b.specificity().text(), Text.number(aucs.get(r), 3)));
        }
        double min = foldAccuracies.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = foldAccuracies.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        rows.add(List.of("per fold (" + foldAccuracies.size() + " folds)", String.format(Locale.ROOT,
                "mean %s, SD %s, range %s–%s", Text.percent(meanFoldAccuracy()), Text.percent(sdFoldAccuracy()),
                Text.percent(min), Text.percent(max)), "", "", ""));
        return Text.table(List.of("", "accuracy", "sensitivity", "specificity", "AUC"), rows);
    }
}
