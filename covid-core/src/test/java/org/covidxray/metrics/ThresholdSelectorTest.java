package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ROC of LABELS/SCORES: thresholds 1.8, 0.8, 0.4, 0.35, 0.1 with J = 0, .5, 0, .5, 0. */
class ThresholdSelectorTest {
    private static final int[] LABELS = {0, 0, 1, 1};
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};

    @Test
    void youdenTakesHighestThresholdAmongEqualJ() {
        ThresholdChoice choice = ThresholdSelector.youden(LABELS, SCORES);

        assertThat(choice.threshold()).isEqualTo(0.8);
        assertThat(choice.sensitivity()).isEqualTo(0.5);
        assertThat(choice.specificity()).isEqualTo(1.0);
        assertThat(choice.youdenJ()).isEqualTo(0.5);
    }

    @Test
    void youdenFindsTheSeparatingThreshold() {
        ThresholdChoice choice = ThresholdSelector.youden(new int[] {0, 1, 0, 1, 1}, new double[] {0.3, 0.6, 0.2, 0.9, 0.7});

        assertThat(choice.threshold()).isEqualTo(0.6);
        assertThat(choice.youdenJ()).isEqualTo(1.0);
    }

    @Test
    void targetSensitivityGivesTheMostSpecificThresholdReachingIt() {
        ThresholdChoice full = ThresholdSelector.highestThresholdWithSensitivityAtLeast(LABELS, SCORES, 0.9);
        ThresholdChoice half = ThresholdSelector.highestThresholdWithSensitivityAtLeast(LABELS, SCORES, 0.5);

        assertThat(full.threshold()).isEqualTo(0.35);
        assertThat(full.sensitivity()).isEqualTo(1.0);
        assertThat(full.specificity()).isEqualTo(0.5);
        assertThat(half.threshold()).isEqualTo(0.8);
        assertThat(BinaryMetrics.at(LABELS, SCORES, full.threshold()).sensitivity()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void undefinedWithoutPositives() {
        ThresholdChoice choice = ThresholdSelector.highestThresholdWithSensitivityAtLeast(
                new int[] {0, 0}, new double[] {0.1, 0.2}, 0.9);

        assertThat(choice.threshold()).isNaN();
        assertThat(ThresholdSelector.youden(new int[] {0, 0}, new double[] {0.1, 0.2}).threshold()).isNaN();
    }
}
