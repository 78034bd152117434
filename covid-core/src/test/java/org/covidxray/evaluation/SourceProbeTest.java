package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The linear source probe names sources that the features carry, and does no better than the majority when they carry none. */
class SourceProbeTest {

    @Test
    void featuresThatCarryTheSourceAreFound() {
        SplittableRandom random = new SplittableRandom(1);
        int[] trainY = labels(200, random);
        int[] testY = labels(100, random);
        SourceProbe.ClassProbe p = SourceProbe.probe("covid", List.of("a", "b"), features(trainY, 2.0, random), trainY,
                features(testY, 2.0, random), testY);
        assertThat(p.accuracy().successes()).isGreaterThan(90);
        assertThat(p.auc().get("a")).isGreaterThan(0.97);
        assertThat(p.auc().get("b")).isGreaterThan(0.97);
    }

    @Test
    void featuresWithoutTheSourceGiveAboutTheMajority() {
        SplittableRandom random = new SplittableRandom(2);
        int[] trainY = labels(200, random);
        int[] testY = labels(400, random);
        SourceProbe.ClassProbe p = SourceProbe.probe("covid", List.of("a", "b"), features(trainY, 0, random), trainY,
                features(testY, 0, random), testY);
        assertThat(p.auc().get("a")).isBetween(0.4, 0.6);
        assertThat(p.accuracy().successes() / 400.0).isLessThan(p.majority().successes() / 400.0 + 0.08);
    }

    private static int[] labels(int n, SplittableRandom random) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble() < 0.6 ? 0 : 1;
        }
        return y;
    }

    /** Eight noise dimensions; the third is shifted by {@code shift} for source 1. */
    private static float[][] features(int[] y, double shift, SplittableRandom random) {
        float[][] x = new float[y.length][8];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < 8; j++) {
                x[i][j] = (float) (random.nextGaussian() + (j == 2 && y[i] == 1 ? 2 * shift : 0));
            }
        }
        return x;
    }
}
