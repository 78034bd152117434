package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.covidxray.data.Dataset;
import org.covidxray.model.EpochResult;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyStoppingTest {
    /**
     * Validation per epoch: AUC 1 (loss 0.51), AUC 0, AUC 1 with a lower loss (0.11, the best), then AUC 1
     * with higher losses. Epoch 3 only counts as better through the loss tie-break.
     */
    static final double[] SCRIPT = {0.6, 0.4, 0.9, 0.8, 0.7, 0.95};

    @TempDir
    Path dir;
    Dataset train;
    Dataset validation;

    @BeforeEach
    void data() {
        train = TrainingRuns.train(dir);
        validation = TrainingRuns.validation(dir);
    }

    @Test
    void theLoopStopsOncePatienceEpochsPassWithoutABetterValidationScore() {
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(SCRIPT), train, validation,
                8, 2).build();
        try (TrainedModel model = new TrainingLoop(request, null).run()) {
            assertThat(model.history().epochs()).extracting(EpochResult::epoch).containsExactly(1, 2, 3, 4, 5);
            assertThat(model.history().stopReason()).isEqualTo("early stopping");
            assertThat(model.history().bestEpoch()).isEqualTo(3);
        }
    }

    @Test
    void withoutPatienceEveryEpochRuns() {
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(SCRIPT), train, validation,
                6, 0).build();
        try (TrainedModel model = new TrainingLoop(request, null).run()) {
            assertThat(model.history().epochs()).hasSize(6);
            assertThat(model.history().stopReason()).isEqualTo("completed");
            assertThat(model.history().bestEpoch()).isEqualTo(6);
        }
    }

    /** Runs the policy after best-epoch keeping over (loss, AUC) pairs; returns the epoch it ended on, or 0. */
    private static int stoppingEpoch(EarlyStopping policy, double[][] lossAndAuc) {
        BestEpochKeeping best = new BestEpochKeeping(true);
        List<EpochResult> history = new ArrayList<>();
        for (int e = 1; e <= lossAndAuc.length; e++) {
            EpochResult result = TrainingRuns.epoch(e, lossAndAuc[e - 1][0], lossAndAuc[e - 1][1]);
            history.add(result);
            best.offer(result, () -> new byte[0]);
            Optional<String> stop = policy.afterEpoch(best.epochEnd(history, () -> new byte[0]));
            if (stop.isPresent()) {
                assertThat(stop).contains("early stopping");
                return e;
            }
        }
        return 0;
    }

    @Test
    void stopsOnTheEpochThatMakesPatienceEpochsWithoutABetterAuc() {
        double[][] run = {{0.6, 0.70}, {0.5, 0.80}, {0.4, 0.75}, {0.3, 0.79}, {0.2, 0.81}, {0.1, 0.70}};
        assertThat(stoppingEpoch(new EarlyStopping(2), run)).isEqualTo(4);
        assertThat(stoppingEpoch(new EarlyStopping(3), run)).as("epoch 5 is better, so patience 3 runs on").isZero();
        assertThat(stoppingEpoch(new EarlyStopping(1), run)).isEqualTo(3);
    }

    @Test
    void aLowerLossAtTheSameAucResetsThePatience() {
        double[][] run = {{0.5, 1.0}, {0.4, 1.0}, {0.3, 1.0}, {0.35, 1.0}, {0.36, 1.0}};
        assertThat(stoppingEpoch(new EarlyStopping(2), run)).isEqualTo(5);
    }

    @Test
    void theLossDecidesWhenTheAucIsUndefined() {
        double[][] run = {{0.5, Double.NaN}, {0.6, Double.NaN}, {0.4, Double.NaN}, {0.7, Double.NaN}};
        assertThat(stoppingEpoch(new EarlyStopping(2), run)).isZero();
        assertThat(stoppingEpoch(new EarlyStopping(1), run)).isEqualTo(2);
    }

    @Test
    void patienceZeroNeverStops() {
        double[][] run = {{0.1, 0.9}, {0.9, 0.1}, {0.9, 0.1}, {0.9, 0.1}};
        assertThat(stoppingEpoch(new EarlyStopping(0), run)).isZero();
        assertThatThrownBy(() -> new EarlyStopping(-1)).hasMessageContaining("patience");
    }
}
