package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void rowsAreTrueClassAndColumnsArePredicted() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 2, 2, 2}, 3);

        assertThat(m.counts()).isDeepEqualTo(new int[][] {{1, 1, 0}, {0, 1, 1}, {0, 0, 2}});
        assertThat(m.count(0, 1)).as("one class-0 image predicted as 1").isEqualTo(1);
        assertThat(m.support(2)).isEqualTo(2);
        assertThat(m.predicted(2)).isEqualTo(3);
        assertThat(m.accuracy()).isEqualTo(4 / 6.0);
        assertThat(m.rowNormalised()[0]).containsExactly(0.5, 0.5, 0.0);
    }

    @Test
    void binaryScoreAtThresholdCountsAsPositive() {
        ConfusionMatrix m = ConfusionMatrix.ofBinary(new int[] {0, 0, 1, 1}, new double[] {0.5, 0.2, 0.5, 0.4}, 0.5);

        assertThat(m.counts()).isDeepEqualTo(new int[][] {{1, 1}, {1, 1}});
    }

    @Test
    void absentClassHasUndefinedRowNotZero() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, 3);

        assertThat(m.rowNormalised()[2]).containsOnly(Double.NaN);
    }

    @Test
    void argmaxPredictsMostProbableClass() {
        ConfusionMatrix m = ConfusionMatrix.ofArgmax(new int[] {2, 0}, new double[][] {{0.1, 0.2, 0.7}, {0.3, 0.6, 0.1}});

        assertThat(m.counts()).isDeepEqualTo(new int[][] {{0, 1, 0}, {0, 0, 0}, {0, 0, 1}});
    }

    @Test
    void countsAreCopiedInAndOut() {
        int[][] counts = {{1, 2}, {3, 4}};
        ConfusionMatrix m = new ConfusionMatrix(counts);
        counts[0][0] = 99;
        m.counts()[0][1] = 99;

        assertThat(m.counts()).isDeepEqualTo(new int[][] {{1, 2}, {3, 4}});
        assertThat(m).isEqualTo(new ConfusionMatrix(new int[][] {{1, 2}, {3, 4}}));
    }

    @Test
    void badInputNamesTheArgument() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3))
                .isInstanceOf(MetricsInputException.class).hasMessageContaining("labels[1] is 3");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, 3))
                .isInstanceOf(MetricsInputException.class).hasMessageContaining("1 labels but 2 predictions");
        assertThatThrownBy(() -> ConfusionMatrix.ofBinary(new int[] {2}, new double[] {0.1}, 0.5))
                .isInstanceOf(MetricsInputException.class).hasMessageContaining("must be 0 (negative) or 1");
        assertThatThrownBy(() -> ConfusionMatrix.ofBinary(new int[] {1}, new double[] {Double.NaN}, 0.5))
                .isInstanceOf(MetricsInputException.class).hasMessageContaining("scores[0]");
    }
}
