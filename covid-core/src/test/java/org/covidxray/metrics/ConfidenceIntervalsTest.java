package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wilson reference values from scipy.stats.norm.ppf(0.975) and the Wilson formula. */
class ConfidenceIntervalsTest {

    @Test
    void wilsonMatchesReferenceValues() {
        ConfidenceInterval eight = WilsonInterval.of(8, 10);
        assertThat(eight.estimate()).isEqualTo(0.8);
        assertThat(eight.lower()).isCloseTo(0.4901624715366418, within(1e-8));
        assertThat(eight.upper()).isCloseTo(0.9433178485456248, within(1e-8));
        assertThat(WilsonInterval.of(0, 10).lower()).isZero();
        assertThat(WilsonInterval.of(0, 10).upper()).isCloseTo(0.2775327998628892, within(1e-8));
        assertThat(WilsonInterval.of(43, 47).lower()).isCloseTo(0.8006846221303541, within(1e-8));
        assertThat(eight.method()).isEqualTo("Wilson score");
        assertThatThrownBy(() -> WilsonInterval.of(5, 3)).isInstanceOf(MetricsInputException.class)
                .hasMessageContaining("5 of 3");
    }

    @Test
    void wilsonOfNothingIsUndefined() {
        ConfidenceInterval none = WilsonInterval.of(0, 0);
        assertThat(none.estimate()).isNaN();
        assertThat(none.isDefined()).isFalse();
    }

    @Test
    void normalQuantileMatchesReference() {
        assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(NormalQuantile.of(0.995)).isCloseTo(2.5758293035489004, within(1e-8));
        assertThat(NormalQuantile.of(0.01)).isCloseTo(-2.3263478740408408, within(1e-8));
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(Bootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.quantile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
        assertThat(Bootstrap.quantile(new double[0], 0.5)).isNaN();
    }

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        int[] labels = alternating(60);
        double[] scores = ramp(60);
        ResampledMetric auc = ResampledMetric.binary(labels, scores, RocAuc::binary);

        ConfidenceInterval a = new Bootstrap(500, 0.95, 7).interval(auc, 60, null);
        ConfidenceInterval b = new Bootstrap(500, 0.95, 7).interval(auc, 60, null);
        ConfidenceInterval c = new Bootstrap(500, 0.95, 8).interval(auc, 60, null);

        assertThat(a).isEqualTo(b);
        assertThat(c.lower()).isNotEqualTo(a.lower());
        assertThat(a.estimate()).isEqualTo(RocAuc.binary(labels, scores));
        assertThat(a.lower()).isLessThan(a.estimate());
        assertThat(a.upper()).isGreaterThan(a.estimate());
        assertThat(a.method()).isEqualTo("bootstrap percentile (images)");
        assertThat(a.resamples()).isEqualTo(500);
    }

    @Test
    void bootstrapOfProportionAgreesWithWilson() {
        int[] labels = new int[200];
        for (int i = 0; i < 60; i++) {
            labels[i] = 1;
        }
        ResampledMetric mean = indices -> {
            double sum = 0;
            for (int i : indices) {
                sum += labels[i];
            }
            return sum / indices.length;
        };
        ConfidenceInterval boot = Bootstrap.withSeed(1).interval(mean, 200, null);
        ConfidenceInterval wilson = WilsonInterval.of(60, 200);

        assertThat(boot.resamples()).isEqualTo(Bootstrap.DEFAULT_RESAMPLES);
        assertThat(boot.lower()).isCloseTo(wilson.lower(), within(0.02));
        assertThat(boot.upper()).isCloseTo(wilson.upper(), within(0.02));
    }

    @Test
    void patientResamplingKeepsAllImagesOfAPatientTogether() {
        // patient p<i> owns images 3i, 3i+1, 3i+2
        String[] patients = new String[30];
        for (int i = 0; i < 30; i++) {
            patients[i] = "p" + (i / 3);
        }
        ResampledMetric wholePatients = indices -> {
            int[] perPatient = new int[10];
            for (int i : indices) {
                perPatient[i / 3]++;
            }
            for (int count : perPatient) {
                if (count % 3 != 0) {
                    return 0;
                }
            }
            return indices.length == 30 ? 1 : 0.5;
        };
        ConfidenceInterval ci = new Bootstrap(200, 0.95, 3).interval(wholePatients, 30, patients);

        assertThat(ci.method()).isEqualTo("bootstrap percentile (patients)");
        assertThat(ci.lower()).as("every resample holds whole patients, 10 of them").isEqualTo(1.0);
        assertThat(ci.upper()).isEqualTo(1.0);
    }

    @Test
    void undefinedResamplesAreSkippedAndCounted() {
        int[] labels = new int[20];
        labels[0] = 1;
        double[] scores = ramp(20);
        ResampledMetric sensitivity = ResampledMetric.binary(labels, scores,
                (l, s) -> BinaryMetrics.at(l, s, 0.0).sensitivity());

        ConfidenceInterval ci = Bootstrap.withSeed(11).interval(sensitivity, 20, null);

        // P(the one positive image is not drawn) = (19/20)^20 = 0.358, so about 717 of 2000
        assertThat(ci.undefinedResamples()).isBetween(600, 830);
        assertThat(ci.lower()).isEqualTo(1.0);
    }

    @Test
    void severalMetricsShareResamplesAndKeepOrder() {
        int[] labels = alternating(40);
        double[] scores = ramp(40);
        Map<String, ResampledMetric> metrics = new LinkedHashMap<>();
        metrics.put("auc", ResampledMetric.binary(labels, scores, RocAuc::binary));
        metrics.put("ap", ResampledMetric.binary(labels, scores, AveragePrecision::binary));

        Map<String, ConfidenceInterval> cis = new Bootstrap(300, 0.9, 5).intervals(metrics, 40, null);

        assertThat(cis.keySet()).containsExactly("auc", "ap");
        assertThat(cis.get("auc")).isEqualTo(new Bootstrap(300, 0.9, 5).interval(metrics.get("auc"), 40, null));
        assertThat(cis.get("ap").level()).isEqualTo(0.9);
    }

    private static int[] alternating(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        return labels;
    }

    /** Scores that rise with the index, with positives (odd indices) a little higher. */
    private static double[] ramp(int n) {
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = (i + (i % 2) * n * 0.3) / (1.5 * n);
        }
        return scores;
    }
}
