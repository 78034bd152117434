package org.covidxray.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Classifier;
import org.covidxray.model.InputGateCalibration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a model's {@link InputGateCalibration} from its validation images: the per-dimension mean and
 * scale of their feature vectors, their principal directions (one per {@value #IMAGES_PER_COMPONENT}
 * images, at most {@value #MAX_COMPONENTS}) and, as the threshold, a high percentile of their own distances, so that
 * about {@code 100 - percentile}% of images like the validation ones are flagged and images unlike all of
 * them are. The validation split is used (not the training split) because the network has fitted the
 * training images and would place them unusually well.
 */
public final class FeatureCalibration {
    /** The default percentile of validation distances used as the threshold. */
    public static final double DEFAULT_PERCENTILE = 99;
    /** Fewer validation images give no usable spread. */
    public static final int MIN_IMAGES = 5;
    /**
     * Validation images needed per principal direction removed: directions fitted on few images describe
     * those images rather than the data, and a threshold on them would flag too many new ones (measured:
     * 2% of held-out validation images flagged with 3 directions from 100 images, 22% with 5 from 40).
     */
    public static final int IMAGES_PER_COMPONENT = 30;
    /** Principal directions removed at most. */
    public static final int MAX_COMPONENTS = 10;
    private static final int POWER_ITERATIONS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCalibration.class);
    private static final int BATCH = 16;

    private FeatureCalibration() {
    }

    /**
     * Calibrates on every image of {@code validation}, preprocessed with the classifier's own settings,
     * with the {@link #DEFAULT_PERCENTILE}.
     *
     * @throws UnsupportedOperationException if the classifier gives no features
     * @throws IllegalArgumentException if there are fewer than {@link #MIN_IMAGES} images
     */
    public static InputGateCalibration calibrate(Classifier classifier, Dataset validation) {
        Preprocessor preprocessor = new Preprocessor(classifier.preprocessing());
        List<float[]> features = new ArrayList<>(validation.size());
        List<Sample> samples = validation.samples();
        for (int from = 0; from < samples.size(); from += BATCH) {
            List<ImageTensor> batch = new ArrayList<>();
            for (Sample s : samples.subList(from, Math.min(samples.size(), from + BATCH))) {
                batch.add(preprocessor.load(s.path()));
            }
            features.addAll(classifier.features(batch));
        }
        InputGateCalibration calibration = fromFeatures(features, DEFAULT_PERCENTILE);
        LOG.info("Input gate calibrated on {} validation images of '{}': {} features, {} principal directions "
                        + "removed, distance median {}, P{} threshold {}, max {}", calibration.images(), validation.name(),
                calibration.featureLength(), calibration.components().length, round(calibration.medianDistance()),
                DEFAULT_PERCENTILE,
                round(calibration.threshold()), round(calibration.maxDistance()));
        return calibration;
    }

    /**
     * {@link #calibrate} when the classifier can give features and there are enough validation images;
     * empty otherwise (with the reason logged), since a model without calibration still works.
     */
    public static Optional<InputGateCalibration> calibrateIfPossible(Classifier classifier, Dataset validation) {
        if (!classifier.supportsFeatures()) {
            LOG.info("Input gate not calibrated: model {} gives no feature vectors", classifier.manifest().modelId());
            return Optional.empty();
        }
        if (validation == null || validation.size() < MIN_IMAGES) {
            LOG.info("Input gate not calibrated: it needs at least {} validation images, there are {}", MIN_IMAGES,
                    validation == null ? 0 : validation.size());
            return Optional.empty();
        }
        return Optional.of(calibrate(classifier, validation));
    }

    /** The calibration of given feature vectors (all of one length), threshold at {@code percentile}. */
    public static InputGateCalibration fromFeatures(List<float[]> features, double percentile) {
        if (features.size() < MIN_IMAGES) {
            throw new IllegalArgumentException("The input gate needs at least " + MIN_IMAGES
                    + " validation images to calibrate on, got " + features.size() + ".");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        int n = features.size();
        int d = features.get(0).length;
        double[] mean = new double[d];
        for (float[] f : features) {
            if (f.length != d) {
                throw new IllegalArgumentException("feature vectors have different lengths: " + d + " and " + f.length);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += f[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] variance = new double[d];
        for (float[] f : features) {
            for (int j = 0; j < d; j++) {
                double e = f[j] - mean[j];
                variance[j] += e * e;
            }
        }
        double meanVariance = 0;
        for (int j = 0; j < d; j++) {
            variance[j] /= n - 1;
            meanVariance += variance[j] / d;
        }
        // a floor relative to the typical spread; the absolute term only matters when nothing varies at all
        double floor = InputGateCalibration.SCALE_FLOOR * Math.sqrt(meanVariance) + 1e-6;
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(variance[j] + floor * floor);
        }
        int k = Math.min(Math.min(MAX_COMPONENTS, n / IMAGES_PER_COMPONENT), d - 1);
        double[][] components = principalDirections(features, mean, scale, k);
        InputGateCalibration provisional = new InputGateCalibration(InputGateCalibration.METHOD, n, percentile, 1,
                0, 0, mean, scale, components);
        double[] distances = new double[n];
        for (int i = 0; i < n; i++) {
            distances[i] = provisional.distance(features.get(i));
        }
        Arrays.sort(distances);
        double threshold = Math.max(percentileOf(distances, percentile), 1e-6);
        return new InputGateCalibration(InputGateCalibration.METHOD, n, percentile, threshold,
                percentileOf(distances, 50), distances[n - 1], mean, scale, components);
    }

    /**
     * The {@code k} leading eigenvectors of the covariance of the standardised features, by subspace
     * iteration from a fixed start (deterministic; an approximate subspace is still a valid one, since
     * the threshold is computed with the same directions).
     */
    static double[][] principalDirections(List<float[]> features, double[] mean, double[] scale, int k) {
        int d = mean.length;
        if (k <= 0) {
            return new double[0][];
        }
        double[][] covariance = new double[d][d];
        double[] z = new double[d];
        for (float[] f : features) {
            for (int j = 0; j < d; j++) {
                z[j] = (f[j] - mean[j]) / scale[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    covariance[a][b] += z[a] * z[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                covariance[a][b] = covariance[b][a];
            }
        }
        double[][] q = new double[k][d];
        java.util.SplittableRandom random = new SplittableRandom(17);
        for (double[] row : q) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        orthonormalise(q);
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            double[][] next = new double[k][d];
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < d; a++) {
                    double sum = 0;
                    for (int b = 0; b < d; b++) {
                        sum += covariance[a][b] * q[c][b];
                    }
                    next[c][a] = sum;
                }
            }
            orthonormalise(next);
            q = next;
        }
        return q;
    }

    /** Gram-Schmidt on the rows, in order. */
    private static void orthonormalise(double[][] rows) {
        for (int c = 0; c < rows.length; c++) {
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int j = 0; j < rows[c].length; j++) {
                    dot += rows[c][j] * rows[p][j];
                }
                for (int j = 0; j < rows[c].length; j++) {
                    rows[c][j] -= dot * rows[p][j];
                }
            }
            double norm = 0;
            for (double v : rows[c]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < rows[c].length; j++) {
                rows[c][j] = norm > 1e-12 ? rows[c][j] / norm : 0;
            }
        }
    }

    /** Linear interpolation between closest ranks (numpy's default) on sorted values. */
    static double percentileOf(double[] sorted, double percentile) {
        double rank = percentile / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
