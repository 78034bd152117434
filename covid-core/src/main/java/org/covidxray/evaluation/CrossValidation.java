package org.covidxray.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.data.Fold;
import org.covidxray.data.PatientKFold;
import org.covidxray.metrics.BinaryRates;
import org.covidxray.metrics.RocAuc;
import org.covidxray.model.Classifier;
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
public record CrossValidation(List<DatasetPredictions> pooled, List<BinaryRates> rates, List<Double> aucs,
                              List<Double> foldAccuracies) {
    private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);

    public CrossValidation {
        pooled = List.copyOf(pooled);
        rates = List.copyOf(rates);
        aucs = List.copyOf(aucs);
        foldAccuracies = List.copyOf(foldAccuracies);
    }

    /** Trains one fold's model on {@code train} with {@code seed}; the caller closes it. */
    @FunctionalInterface
    public interface FoldTrainer {
        Classifier train(Dataset train, long seed);
    }

    /**
     * Runs {@code repeats} x {@code k} folds.
     *
     * @param dataset the data, split by patient
     * @param positive index of the positive class
     * @param seed seed of the first repeat's folds; repeat r uses {@code seed + r}, its fold f's model
     *     {@code seed + 1000 r + f}
     * @param trainer trains one fold
     */
    public static CrossValidation run(Dataset dataset, int positive, int k, int repeats, long seed,
                                      FoldTrainer trainer) {
        List<DatasetPredictions> pooled = new ArrayList<>();
        List<BinaryRates> rates = new ArrayList<>();
        List<Double> aucs = new ArrayList<>();
        List<Double> foldAccuracies = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            List<Fold> folds = new PatientKFold(k, seed + r).split(dataset);
            List<DatasetPredictions> parts = new ArrayList<>();
            for (Fold fold : folds) {
                LOG.info("Cross-validation of {}: repeat {}/{}, fold {}/{} ({} training, {} test images)",
                        dataset.name(), r + 1, repeats, fold.index() + 1, k, fold.train().size(), fold.test().size());
                try (Classifier model = trainer.train(fold.train(), seed + 1000L * r + fold.index())) {
                    DatasetPredictions p = DatasetPredictor.of(model).predict(fold.test());
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

    /** Mean accuracy of the single test folds (undefined folds left out). */
    public double meanFoldAccuracy() {
        return foldAccuracies.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    /** Sample standard deviation of the single folds' accuracies. */
    public double sdFoldAccuracy() {
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
}
