package org.covidxray.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.covidxray.model.InputGateCalibration;
import org.junit.jupiter.api.Test;

class FeatureCalibrationTest {

    private static List<float[]> gaussian(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] f = new float[d];
            for (int j = 0; j < d; j++) {
                f[j] = (float) (j + (j + 1) * random.nextGaussian());
            }
            out.add(f);
        }
        return out;
    }

    @Test
    void theThresholdIsThePercentileOfTheValidationDistances() {
        List<float[]> features = gaussian(2000, 16, 1);
        InputGateCalibration c = FeatureCalibration.fromFeatures(features, 99);
        assertThat(c.images()).isEqualTo(2000);
        assertThat(c.featureLength()).isEqualTo(16);
        assertThat(c.components()).as("one direction per 30 images, at most 10").hasNumberOfRows(10);
        assertThat(c.medianDistance()).isPositive().isLessThan(c.threshold());
        long above = features.stream().filter(f -> c.distance(f) > c.threshold()).count();
        assertThat(above).isBetween(15L, 25L);
        assertThat(c.maxDistance()).isGreaterThanOrEqualTo(c.threshold());
        float[] far = features.get(0).clone();
        for (int j = 0; j < far.length; j++) {
            far[j] += 10 * (j + 1);
        }
        assertThat(c.distance(far)).isGreaterThan(3 * c.threshold());
    }

    @Test
    void withoutComponentsTheDistanceIsTheRmsOfTheStandardisedFeatures() {
        List<float[]> features = gaussian(20, 4, 3);
        InputGateCalibration c = FeatureCalibration.fromFeatures(features, 99);
        assertThat(c.components()).as("20 images are too few for a principal direction").isEmpty();
        float[] f = features.get(5);
        double sum = 0;
        for (int j = 0; j < 4; j++) {
            double z = (f[j] - c.mean()[j]) / c.scale()[j];
            sum += z * z;
        }
        assertThat(c.distance(f)).isCloseTo(Math.sqrt(sum / 4), within(1e-9));
    }

    @Test
    void ordinaryVariationAlongThePrincipalDirectionIsNotFlaggedButVariationAcrossItIs() {
        SplittableRandom random = new SplittableRandom(4);
        int d = 32;
        List<float[]> features = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            float[] f = new float[d];
            double t = 5 * random.nextGaussian();
            for (int j = 0; j < d; j++) {
                f[j] = (float) ((j < 4 ? t / 2 : 0) + random.nextGaussian());
            }
            features.add(f);
        }
        InputGateCalibration c = FeatureCalibration.fromFeatures(features, 99);
        assertThat(c.components()).hasNumberOfRows(2);
        double alignment = 0;
        for (int j = 0; j < 4; j++) {
            alignment += c.components()[0][j] / 2;
        }
        assertThat(Math.abs(alignment)).as("first direction along the shared factor").isGreaterThan(0.7);
        float[] along = new float[d];
        float[] across = new float[d];
        for (int j = 0; j < d; j++) {
            along[j] = j < 4 ? 10 : 0;
            across[j] = j >= 8 ? 3 : 0;
        }
        assertThat(c.distance(along)).as("4 standard deviations along the usual variation").isLessThan(c.threshold());
        assertThat(c.distance(across)).as("3 standard deviations in 24 unusual dimensions")
                .isGreaterThan(c.threshold());
    }

    @Test
    void aDimensionThatNeverVariesDoesNotDominate() {
        List<float[]> features = gaussian(200, 8, 2);
        features.forEach(f -> f[7] = 0);
        InputGateCalibration c = FeatureCalibration.fromFeatures(features, 99);
        float[] typical = features.get(3).clone();
        typical[7] = 0.5f;
        assertThat(c.scale()[7]).isPositive();
        assertThat(c.distance(typical)).isFinite().isLessThan(10 * c.threshold());
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(FeatureCalibration.percentileOf(sorted, 50)).isEqualTo(3);
        assertThat(FeatureCalibration.percentileOf(sorted, 99)).isCloseTo(4.96, within(1e-12));
        assertThat(FeatureCalibration.percentileOf(sorted, 100)).isEqualTo(5);
    }

    @Test
    void tooFewImagesOrMixedLengthsAreRefused() {
        assertThatThrownBy(() -> FeatureCalibration.fromFeatures(gaussian(3, 4, 1), 99))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 5");
        List<float[]> mixed = gaussian(6, 4, 1);
        mixed.set(2, new float[3]);
        assertThatThrownBy(() -> FeatureCalibration.fromFeatures(mixed, 99))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different lengths");
    }

    @Test
    void aVectorOfTheWrongLengthIsRefused() {
        InputGateCalibration c = FeatureCalibration.fromFeatures(gaussian(10, 4, 1), 99);
        assertThatThrownBy(() -> c.distance(new float[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 values").hasMessageContaining("calibrated on 4");
    }

    @Test
    void theVerdictComparesWithTheThreshold() {
        InputGateCalibration c = FeatureCalibration.fromFeatures(gaussian(50, 4, 1), 99);
        DistributionCheck outside = DistributionCheck.of(c, c.threshold() * 2);
        assertThat(outside.outside()).isTrue();
        assertThat(outside.message()).containsIgnoringCase(DistributionCheck.OUTSIDE_TEXT);
        assertThat(outside.toMap()).containsEntry("status", "outside").containsEntry("outside", true);
        DistributionCheck inside = DistributionCheck.of(c, c.threshold() / 2);
        assertThat(inside.outside()).isFalse();
        assertThat(inside.toMap()).containsEntry("status", "inside").containsEntry("outside", false);
    }
}
