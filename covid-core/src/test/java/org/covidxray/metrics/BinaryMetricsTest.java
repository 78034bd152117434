package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed counts: TP 3, FP 1, TN 4, FN 2. */
class BinaryMetricsTest {

    @Test
    void ratiosFromCounts() {
        BinaryMetrics m = BinaryMetrics.fromCounts(0.5, 3, 1, 4, 2);

        assertThat(m.accuracy()).isEqualTo(7 / 10.0);
        assertThat(m.sensitivity()).isEqualTo(3 / 5.0);
        assertThat(m.specificity()).isEqualTo(4 / 5.0);
        assertThat(m.precision()).isEqualTo(3 / 4.0);
        assertThat(m.npv()).isEqualTo(4 / 6.0);
        assertThat(m.f1()).isCloseTo(2 * 0.75 * 0.6 / (0.75 + 0.6), within(1e-15));
    }

    @Test
    void undefinedRatiosAreNanNotZero() {
        BinaryMetrics noPositivesCalled = BinaryMetrics.fromCounts(0.5, 0, 0, 5, 3);

        assertThat(noPositivesCalled.precision()).isNaN();
        assertThat(noPositivesCalled.f1()).isNaN();
        assertThat(noPositivesCalled.sensitivity()).isZero();
    }

    @Test
    void f1IsZeroWhenPrecisionAndRecallAreZero() {
        assertThat(BinaryMetrics.fromCounts(0.5, 0, 2, 1, 3).f1()).isZero();
    }

    @Test
    void oneVsRestThresholdsTheChosenColumn() {
        double[][] p = {{0.7, 0.1, 0.2}, {0.2, 0.2, 0.6}, {0.1, 0.5, 0.4}, {0.3, 0.3, 0.4}};
        BinaryMetrics m = BinaryMetrics.oneVsRest(new int[] {0, 2, 2, 1}, p, 2, 0.5);

        assertThat(m.truePositives()).isEqualTo(1);
        assertThat(m.falseNegatives()).isEqualTo(1);
        assertThat(m.trueNegatives()).isEqualTo(2);
        assertThat(m.falsePositives()).isZero();
    }
}
