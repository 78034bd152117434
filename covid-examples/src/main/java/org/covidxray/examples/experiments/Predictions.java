package org.covidxray.examples.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Classifier;
import org.covidxray.model.Prediction;
import org.covidxray.report.EvaluationReport;

/**
 * Class probabilities of every image of a data set, averaged over the members of an ensemble and over
 * the test-time views, with the true labels and patients beside them.
 *
 * @param dataset the evaluated images
 * @param probabilities one row per image, columns in the data set's class order
 * @param labels true class index of each image
 * @param patientIds patient of each image
 */
record Predictions(Dataset dataset, double[][] probabilities, int[] labels, String[] patientIds) {
    private static final int CHUNK = 32;

    /** Predicts with every classifier (all must share the preprocessing) and averages. */
    static Predictions of(List<Classifier> ensemble, Dataset dataset, TestTimeShifts tta) {
        if (ensemble.isEmpty()) {
            throw new IllegalArgumentException("no classifier to predict with");
        }
        PreprocessingConfig preprocessing = ensemble.get(0).preprocessing();
        Preprocessor preprocessor = new Preprocessor(preprocessing);
        int n = dataset.size();
        int classes = dataset.classNames().size();
        double[][] probabilities = new double[n][classes];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            int start = from;
            List<ImageTensor> images = IntStream.range(from, to).parallel()
                    .mapToObj(i -> preprocessor.load(dataset.get(i).path())).toList();
            List<ImageTensor> views = new ArrayList<>();
            int perImage = 0;
            for (ImageTensor image : images) {
                List<ImageTensor> v = tta.views(image, preprocessing);
                perImage = v.size();
                views.addAll(v);
            }
            for (Classifier classifier : ensemble) {
                requireSameClasses(classifier, dataset);
                List<Prediction> predicted = classifier.predict(views);
                for (int k = 0; k < predicted.size(); k++) {
                    double[] p = predicted.get(k).probabilities();
                    double[] row = probabilities[start + k / perImage];
                    for (int c = 0; c < classes; c++) {
                        row[c] += p[c] / (perImage * ensemble.size());
                    }
                }
            }
        }
        return new Predictions(dataset, probabilities, dataset.labelIndices(), dataset.patientIds());
    }

    static Predictions of(Classifier classifier, Dataset dataset) {
        return of(List.of(classifier), dataset, new TestTimeShifts(0));
    }

    private static void requireSameClasses(Classifier classifier, Dataset dataset) {
        if (!classifier.classNames().equals(dataset.classNames())) {
            throw new IllegalStateException("model classes " + classifier.classNames() + " differ from the data's "
                    + dataset.classNames());
        }
    }

    /** The probability of class {@code c} for each image. */
    double[] scores(int c) {
        double[] s = new double[probabilities.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = probabilities[i][c];
        }
        return s;
    }

    /** 1 where the label is class {@code c}, else 0. */
    int[] isClass(int c) {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] == c ? 1 : 0;
        }
        return out;
    }

    /** The full evaluation (patient bootstrap intervals) of these predictions. */
    EvaluationReport report(String positiveClass, double threshold, long seed) {
        return EvaluationReport.compute(dataset.classNames(), labels, probabilities, patientIds, positiveClass,
                threshold, seed);
    }

    /** Predictions of several disjoint parts (e.g. the test folds of one cross-validation) as one. */
    static Predictions concat(String name, List<Predictions> parts) {
        List<Sample> samples = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Predictions p : parts) {
            samples.addAll(p.dataset().samples());
            rows.addAll(List.of(p.probabilities()));
        }
        Dataset all = parts.get(0).dataset().withSamples(name, samples);
        return new Predictions(all, rows.toArray(double[][]::new), all.labelIndices(), all.patientIds());
    }
}
