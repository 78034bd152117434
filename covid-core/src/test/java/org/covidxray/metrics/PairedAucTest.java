package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedAucTest {
    private static final int N = 200;

    private static int[] labels() {
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 3 == 0 ? 1 : 0;
        }
        return labels;
    }

    /** A score that separates the classes by {@code shift} standard deviations, plus a shared noise term. */
    private static double[] scores(int[] labels, double shift, double[] shared, long seed, double own) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] s = new double[labels.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = labels[i] * shift + shared[i] + own * random.nextGaussian();
        }
        return s;
    }

    private static double[] noise(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] n = new double[N];
        for (int i = 0; i < N; i++) {
            n[i] = random.nextGaussian();
        }
        return n;
    }

    @Test
    void theEstimatesAreEachModelsAucAndTheirDifference() {
        int[] labels = labels();
        double[] shared = noise(1);
        double[] first = scores(labels, 0.5, shared, 2, 0.3);
        double[] second = scores(labels, 1.0, shared, 3, 0.3);
        PairedAuc.Comparison c = PairedAuc.compare(labels, first, second, null, Bootstrap.withSeed(7));

        assertThat(c.first().estimate()).isEqualTo(RocAuc.binary(labels, first));
        assertThat(c.second().estimate()).isEqualTo(RocAuc.binary(labels, second));
        assertThat(c.difference().estimate()).isEqualTo(c.second().estimate() - c.first().estimate());
        assertThat(c.images()).isEqualTo(N);
        assertThat(c.positives()).isEqualTo(67);
        assertThat(c.difference().method()).contains("images");
    }

    @Test
    void pairingCancelsWhatBothModelsShare() {
        // both models mostly see the same noise: their AUCs vary together from resample to resample
        int[] labels = labels();
        double[] shared = noise(1);
        double[] first = scores(labels, 0.8, shared, 2, 0.2);
        double[] second = scores(labels, 1.1, shared, 3, 0.2);
        PairedAuc.Comparison c = PairedAuc.compare(labels, first, second, null, Bootstrap.withSeed(7));

        double differenceWidth = c.difference().upper() - c.difference().lower();
        double firstWidth = c.first().upper() - c.first().lower();
        assertThat(differenceWidth).as("paired, narrower than either AUC's own interval").isLessThan(0.6 * firstWidth);
        assertThat(c.first().upper()).as("the AUCs' own intervals overlap").isGreaterThan(c.second().lower());
        assertThat(c.difference().lower()).as("yet the difference is clear of 0").isGreaterThan(0);
    }

    @Test
    void theSameScoresDifferByExactlyNothing() {
        int[] labels = labels();
        double[] s = scores(labels, 0.7, noise(4), 5, 0.5);
        PairedAuc.Comparison c = PairedAuc.compare(labels, s, s.clone(), null, Bootstrap.withSeed(7));
        assertThat(c.difference().estimate()).isZero();
        assertThat(c.difference().lower()).isZero();
        assertThat(c.difference().upper()).isZero();
    }

    @Test
    void patientsAreResampledWhole() {
        int[] labels = labels();
        String[] patients = new String[N];
        for (int i = 0; i < N; i++) {
            patients[i] = "p" + (i / 4);
        }
        double[] shared = noise(1);
        PairedAuc.Comparison c = PairedAuc.compare(labels, scores(labels, 0.5, shared, 2, 0.3),
                scores(labels, 1.0, shared, 3, 0.3), patients, Bootstrap.withSeed(7));
        assertThat(c.difference().method()).contains("patients");
        assertThat(c.first().method()).contains("patients");
    }

    @Test
    void mismatchedLengthsAndLabelsOtherThanZeroOrOneAreRefused() {
        assertThatThrownBy(() -> PairedAuc.compare(new int[] {0, 1}, new double[] {0.1, 0.2}, new double[] {0.3},
                null, Bootstrap.withSeed(1))).isInstanceOf(MetricsInputException.class).hasMessageContaining("2 labels");
        assertThatThrownBy(() -> PairedAuc.compare(new int[] {0, 2}, new double[] {0.1, 0.2}, new double[] {0.3, 0.4},
                null, Bootstrap.withSeed(1))).isInstanceOf(MetricsInputException.class).hasMessageContaining("0/1");
    }
}
