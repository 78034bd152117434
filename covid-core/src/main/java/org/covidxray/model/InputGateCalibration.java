package org.covidxray.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a model's validation images lie in its feature space ({@link Classifier#features}), so that an
 * image far from all of them can be flagged as outside what the model was trained on. Stored in the
 * manifest; computed by {@code org.covidxray.gate.FeatureCalibration}.
 *
 * <p>The distance of a feature vector {@code f}: standardise it, {@code z_j = (f_j - mean_j) / scale_j};
 * remove its parts along the {@code components} (orthonormal principal directions of the standardised
 * validation features, the directions in which validation images normally vary); the distance is the
 * root mean square of what is left, {@code sqrt(mean_j r_j^2)}. Without components it is the RMS of
 * {@code z}, about 1 for a typical validation image whatever the feature length. Removing the main
 * directions of ordinary variation makes the distance see what is unusual (PCA reconstruction error):
 * on a small network trained on children's films it flagged 5 times more adult films than the plain
 * RMS did, at the same rate of flagged held-out validation images.
 *
 * <p>{@code scale_j = sqrt(var_j + floor^2)}, where {@code var_j} is the validation variance and
 * {@code floor} is {@value #SCALE_FLOOR} times the root mean square of all the dimensions' standard
 * deviations, so that a unit that hardly varies on the validation images (a dead ReLU channel) cannot
 * make every other image look infinitely far away.
 *
 * @param method how distances are computed ({@value #METHOD})
 * @param images validation images the statistics come from
 * @param percentile the percentile of validation distances used as the threshold (e.g. 99)
 * @param threshold images with a larger distance are flagged
 * @param medianDistance median validation distance, for reports
 * @param maxDistance largest validation distance, for reports
 * @param mean per-dimension mean of the validation features
 * @param scale per-dimension scale (see above), all positive
 * @param components principal directions removed before measuring, each a unit vector of the feature
 *     length (may be empty)
 */
public record InputGateCalibration(String method, int images, double percentile, double threshold,
                                   double medianDistance, double maxDistance, double[] mean, double[] scale,
                                   double[][] components) {

    /** The only method so far: RMS of the standardised features outside their principal directions. */
    public static final String METHOD = "pca-residual-standardised-features";
    /** See the class comment. */
    public static final double SCALE_FLOOR = 0.1;

    public InputGateCalibration {
        if (!METHOD.equals(method)) {
            throw new IllegalArgumentException("input gate method '" + method + "' is unknown; this covid-xray "
                    + "knows '" + METHOD + "'");
        }
        if (mean == null || scale == null || mean.length == 0 || mean.length != scale.length) {
            throw new IllegalArgumentException("input gate calibration needs mean and scale of one length, got "
                    + (mean == null ? null : mean.length) + " and " + (scale == null ? null : scale.length));
        }
        mean = mean.clone();
        scale = scale.clone();
        components = components == null ? new double[0][] : components.clone();
        for (int c = 0; c < components.length; c++) {
            if (components[c] == null || components[c].length != mean.length) {
                throw new IllegalArgumentException("input gate component " + c + " has "
                        + (components[c] == null ? 0 : components[c].length) + " values, not " + mean.length);
            }
            components[c] = components[c].clone();
        }
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || !Double.isFinite(scale[j]) || !Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("input gate calibration dimension " + j + " has mean " + mean[j]
                        + " and scale " + scale[j] + "; scales must be positive and finite");
            }
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("input gate threshold must be positive and finite, was " + threshold);
        }
    }

    /** Length of the feature vectors it was computed from. */
    public int featureLength() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[][] components() {
        double[][] copy = new double[components.length][];
        for (int c = 0; c < components.length; c++) {
            copy[c] = components[c].clone();
        }
        return copy;
    }

    /**
     * The distance of one feature vector to the validation images (see the class comment).
     *
     * @throws IllegalArgumentException if its length is not {@link #featureLength()}
     */
    public double distance(float[] features) {
        if (features.length != mean.length) {
            throw new IllegalArgumentException("feature vector has " + features.length + " values but the input gate "
                    + "was calibrated on " + mean.length + "; the calibration does not belong to this model");
        }
        double[] z = new double[mean.length];
        for (int j = 0; j < mean.length; j++) {
            z[j] = (features[j] - mean[j]) / scale[j];
        }
        for (double[] w : components) {
            double projection = 0;
            for (int j = 0; j < z.length; j++) {
                projection += w[j] * z[j];
            }
            for (int j = 0; j < z.length; j++) {
                z[j] -= projection * w[j];
            }
        }
        double sum = 0;
        for (double v : z) {
            sum += v * v;
        }
        return Math.sqrt(sum / mean.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputGateCalibration o && method.equals(o.method) && images == o.images
                && Double.compare(percentile, o.percentile) == 0 && Double.compare(threshold, o.threshold) == 0
                && Double.compare(medianDistance, o.medianDistance) == 0
                && Double.compare(maxDistance, o.maxDistance) == 0 && Arrays.equals(mean, o.mean)
                && Arrays.equals(scale, o.scale) && Arrays.deepEquals(components, o.components);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, images, percentile, threshold, Arrays.hashCode(mean), Arrays.hashCode(scale));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "InputGateCalibration[%d images, %d features, %d components, P%.0f "
                + "threshold %.3f]", images, mean.length, components.length, percentile, threshold);
    }
}
