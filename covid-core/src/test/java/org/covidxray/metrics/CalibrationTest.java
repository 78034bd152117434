package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void expectedCalibrationErrorWeightsGapsByBinSize() {
        // bin 0: {0.05: neg} gap .05; bin 1: {0.15 neg, 0.15 pos} gap .35; bin 9: {0.95, 0.95 pos} gap .05
        Calibration c = Calibration.binary(new int[] {0, 0, 1, 1, 1}, new double[] {0.05, 0.15, 0.15, 0.95, 0.95}, 10);

        assertThat(c.expectedCalibrationError()).isCloseTo((0.05 + 2 * 0.35 + 2 * 0.05) / 5, within(1e-12));
        assertThat(c.maximumCalibrationError()).isCloseTo(0.35, within(1e-12));
        assertThat(c.bins()).hasSize(10);
        CalibrationBin second = c.bins().get(1);
        assertThat(second.count()).isEqualTo(2);
        assertThat(second.meanPredicted()).isCloseTo(0.15, within(1e-15));
        assertThat(second.observedFrequency()).isEqualTo(0.5);
        assertThat(c.bins().get(5).count()).isZero();
        assertThat(c.bins().get(5).observedFrequency()).as("empty bin is undefined").isNaN();
    }

    @Test
    void binsAreClosedOnTheRightLikeScikitLearn() {
        Calibration c = Calibration.binary(new int[] {1, 1, 0}, new double[] {0.1, 0.0, 1.0}, 10);

        assertThat(c.bins().get(0).count()).isEqualTo(2);
        assertThat(c.bins().get(9).count()).isEqualTo(1);
    }

    @Test
    void topLabelUsesConfidenceOfThePredictedClass() {
        // confidences .95 (right), .65 (wrong), .75 (right)
        double[][] p = {{0.95, 0.05}, {0.65, 0.35}, {0.25, 0.75}};
        Calibration c = Calibration.topLabel(new int[] {0, 1, 1}, p, 10);

        assertThat(c.expectedCalibrationError()).isCloseTo((0.05 + 0.65 + 0.25) / 3, within(1e-12));
        assertThat(c.kind()).isEqualTo("top label");
    }

    @Test
    void perfectlyCalibratedHasZeroError() {
        Calibration c = Calibration.binary(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.5}, 10);

        assertThat(c.expectedCalibrationError()).isZero();
    }
}
