package org.covidxray.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.metrics.Rate;
import org.covidxray.metrics.RocAuc;
import org.covidxray.model.Classifier;

/**
 * How much a trained classifier's features still say about an image's source <em>beyond its class</em>:
 * for every class with images of two or more sources, a linear probe (softmax regression on the
 * standardised feature vectors, the input of the final dense layer) is fitted on the training part to name
 * the source, and scored on the test part against the majority source of the class. A probe that names the
 * sources well within a class shows that the features carry the collection; source-adversarial training
 * aims to bring it down towards the majority baseline. Engine-free: features come through
 * {@link Classifier#features(List)}.
 */
public final class SourceProbe {
    private static final int BATCH = 32;
    private static final int ITERATIONS = 500;
    private static final double STEP = 0.5;
    private static final double L2 = 1e-3;

    private SourceProbe() {
    }

    /**
     * One class's probe on the test part.
     *
     * @param className the class
     * @param sources the class's sources in the training part, sorted
     * @param accuracy test images whose source the probe names (most probable source)
     * @param majority test images of the class's most frequent training source: the baseline without features
     * @param auc each source's one-vs-rest AUC within the class (NaN where the test part lacks it or has only it)
     */
    public record ClassProbe(String className, List<String> sources, Rate accuracy, Rate majority,
                             Map<String, Double> auc) {
        public ClassProbe {
            Objects.requireNonNull(className, "className");
            sources = List.copyOf(sources);
            auc = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(auc));
        }
    }

    /** The probes of every class with two or more training sources, in class order. */
    public static List<ClassProbe> run(Classifier classifier, Dataset train, Dataset test) {
        Preprocessor preprocessor = new Preprocessor(classifier.manifest().preprocessing());
        List<ClassProbe> out = new ArrayList<>();
        for (String className : train.classNames()) {
            List<Sample> trainPart = train.samples().stream().filter(s -> className.equals(s.label())).toList();
            List<Sample> testPart = test.samples().stream().filter(s -> className.equals(s.label())).toList();
            List<String> sources = new ArrayList<>(new TreeSet<>(trainPart.stream()
                    .map(s -> s.attribute(Sample.SOURCE)).toList()));
            if (sources.size() < 2 || testPart.isEmpty()) {
                continue;
            }
            out.add(probe(className, sources, features(classifier, preprocessor, trainPart), indices(trainPart, sources),
                    features(classifier, preprocessor, testPart), indices(testPart, sources)));
        }
        return out;
    }

    /** The probe for given features and source indices (-1: a test source not seen in training, always wrong). */
    static ClassProbe probe(String className, List<String> sources, float[][] trainX, int[] trainY, float[][] testX,
                            int[] testY) {
        int d = trainX[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (float[] x : trainX) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[j] / (double) trainX.length;
            }
        }
        for (float[] x : trainX) {
            for (int j = 0; j < d; j++) {
                std[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / trainX.length;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j]) + 1e-6;
        }
        double[][] a = standardise(trainX, mean, std);
        double[][] b = standardise(testX, mean, std);
        int k = sources.size();
        double[][] w = fit(a, trainY, k);
        int[] counts = new int[k];
        for (int y : trainY) {
            counts[y]++;
        }
        int majority = 0;
        for (int c = 1; c < k; c++) {
            majority = counts[c] > counts[majority] ? c : majority;
        }
        double[][] p = new double[b.length][];
        int correct = 0;
        int atMajority = 0;
        for (int i = 0; i < b.length; i++) {
            p[i] = probabilities(w, b[i]);
            int best = 0;
            for (int c = 1; c < k; c++) {
                best = p[i][c] > p[i][best] ? c : best;
            }
            correct += best == testY[i] ? 1 : 0;
            atMajority += testY[i] == majority ? 1 : 0;
        }
        Map<String, Double> auc = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            int[] truth = new int[b.length];
            double[] score = new double[b.length];
            int positives = 0;
            for (int i = 0; i < b.length; i++) {
                truth[i] = testY[i] == c ? 1 : 0;
                positives += truth[i];
                score[i] = p[i][c];
            }
            auc.put(sources.get(c), positives == 0 || positives == b.length ? Double.NaN : RocAuc.binary(truth, score));
        }
        return new ClassProbe(className, sources, Rate.of(correct, b.length), Rate.of(atMajority, b.length), auc);
    }

    /** Softmax regression by full-batch gradient descent from zero (deterministic): [k][d + 1], bias last. */
    private static double[][] fit(double[][] x, int[] y, int k) {
        int n = x.length;
        int d = x[0].length;
        double[][] w = new double[k][d + 1];
        for (int it = 0; it < ITERATIONS; it++) {
            double[][] grad = new double[k][d + 1];
            for (int i = 0; i < n; i++) {
                double[] p = probabilities(w, x[i]);
                for (int c = 0; c < k; c++) {
                    double e = (p[c] - (y[i] == c ? 1 : 0)) / n;
                    for (int j = 0; j < d; j++) {
                        grad[c][j] += e * x[i][j];
                    }
                    grad[c][d] += e;
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j <= d; j++) {
                    w[c][j] -= STEP * (grad[c][j] + (j < d ? L2 * w[c][j] : 0));
                }
            }
        }
        return w;
    }

    private static double[] probabilities(double[][] w, double[] x) {
        int k = w.length;
        int d = x.length;
        double[] z = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = w[c][d];
            for (int j = 0; j < d; j++) {
                s += w[c][j] * x[j];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < k; c++) {
            z[c] /= sum;
        }
        return z;
    }

    private static double[][] standardise(float[][] x, double[] mean, double[] std) {
        double[][] out = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (x[i][j] - mean[j]) / std[j];
            }
        }
        return out;
    }

    private static int[] indices(List<Sample> samples, List<String> sources) {
        return samples.stream().mapToInt(s -> sources.indexOf(s.attribute(Sample.SOURCE))).toArray();
    }

    private static float[][] features(Classifier classifier, Preprocessor preprocessor, List<Sample> samples) {
        float[][] out = new float[samples.size()][];
        for (int from = 0; from < samples.size(); from += BATCH) {
            List<ImageTensor> batch = new ArrayList<>();
            for (Sample s : samples.subList(from, Math.min(samples.size(), from + BATCH))) {
                batch.add(preprocessor.load(s.path()));
            }
            List<float[]> f = classifier.features(batch);
            for (int i = 0; i < f.size(); i++) {
                out[from + i] = f.get(i);
            }
        }
        return out;
    }
}
