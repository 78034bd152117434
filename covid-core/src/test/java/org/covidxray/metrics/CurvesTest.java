package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** ROC, average precision, Brier and log loss on arrays small enough to check by hand. */
class CurvesTest {
    private static final int[] LABELS = {0, 0, 1, 1};
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};

    @Test
    void rocCurveHasOnePointPerDistinctScorePlusOrigin() {
        RocCurve roc = RocCurve.of(LABELS, SCORES);

        assertThat(roc.thresholds()).containsExactly(1.8, 0.8, 0.4, 0.35, 0.1);
        assertThat(roc.fpr()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc.tpr()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(roc.auc()).isEqualTo(0.75).isEqualTo(RocAuc.binary(LABELS, SCORES));
    }

    @Test
    void collinearPointsAreDroppedLikeScikitLearnDefault() {
        RocCurve roc = RocCurve.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.2, 0.8, 0.9});
        RocCurve reduced = roc.withoutCollinearPoints();

        assertThat(roc.size()).isEqualTo(5);
        assertThat(reduced.thresholds()).containsExactly(1.9, 0.9, 0.8, 0.1);
        assertThat(reduced.auc()).isEqualTo(1.0);
    }

    @Test
    void rocOfOneClassIsUndefined() {
        RocCurve roc = RocCurve.of(new int[] {0, 0}, new double[] {0.2, 0.7});

        assertThat(roc.tpr()).containsOnly(Double.NaN);
        assertThat(roc.auc()).isNaN();
        assertThat(RocAuc.binary(new int[] {0, 0}, new double[] {0.2, 0.7})).isNaN();
    }

    @Test
    void tiedScoresCountHalf() {
        assertThat(RocAuc.binary(new int[] {0, 1}, new double[] {0.5, 0.5})).isEqualTo(0.5);
        assertThat(RocCurve.of(new int[] {0, 1}, new double[] {0.5, 0.5}).auc()).isEqualTo(0.5);
    }

    @Test
    void rankAucEqualsTrapezoidAreaWithManyTies() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + random.nextInt(200);
            int[] labels = new int[n];
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(2);
                scores[i] = random.nextInt(8) / 8.0 + (labels[i] == 1 ? 0.1 : 0);
            }
            assertThat(RocAuc.binary(labels, scores)).as("trial " + trial)
                    .isCloseTo(RocCurve.of(labels, scores).auc(), within(1e-12));
        }
    }

    @Test
    void rankAucOfNanScoresIsUndefined() {
        assertThat(RocAuc.binary(new int[] {0, 1}, new double[] {0.2, Double.NaN})).isNaN();
    }

    @Test
    void averagePrecisionIsStepwise() {
        // ranked: 0.8 (pos, P=1, R=.5), 0.4 (neg), 0.35 (pos, P=2/3, R=1), 0.1 (neg)
        assertThat(AveragePrecision.binary(LABELS, SCORES)).isCloseTo(0.5 * 1 + 0.5 * 2 / 3.0, within(1e-15));
        assertThat(AveragePrecision.binary(new int[] {0, 0}, new double[] {0.1, 0.2})).isNaN();
    }

    @Test
    void brierAndLogLoss() {
        assertThat(BrierScore.binary(LABELS, SCORES))
                .isCloseTo((0.01 + 0.16 + 0.65 * 0.65 + 0.04) / 4, within(1e-15));
        assertThat(LogLoss.binary(LABELS, SCORES)).isCloseTo(
                -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, within(1e-12));
    }

    @Test
    void logLossClipsCertainWrongAnswers() {
        double loss = LogLoss.of(new int[] {0}, new double[][] {{0.0, 1.0}});

        assertThat(loss).isFinite().isCloseTo(-Math.log(LogLoss.EPS), within(1e-9));
    }
}
