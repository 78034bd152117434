package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Backends;
import org.covidxray.model.EpochResult;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BestEpochKeepingTest {
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
    void theModelHasTheWeightsOfTheBestEpochNotOfTheLast() {
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(EarlyStoppingTest.SCRIPT),
                train, validation, 5, 0).optCheckpointSink(checkpoints::add).build();
        try (TrainedModel model = new TrainingLoop(request, null).run()) {
            assertThat(model.history().bestEpoch()).isEqualTo(3);
            byte[] third = checkpoints.get(2).weights();
            assertThat(model.classifier().exportWeights()).isEqualTo(third)
                    .isNotEqualTo(checkpoints.get(4).weights());
            assertThat(checkpoints.get(4).bestWeights()).isEqualTo(third);
            assertThat(model.classifier().manifest().provenance().validationMetrics().get("loss"))
                    .isCloseTo(-Math.log(0.9), within(1e-6));
        }
    }

    @Test
    void listenersHearWhichEpochsWereBetter() {
        TrainingRuns.RecordingListener listener = new TrainingRuns.RecordingListener();
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(EarlyStoppingTest.SCRIPT),
                train, validation, 5, 0).build();
        try (TrainedModel model = new TrainingLoop(request, listener).run()) {
            assertThat(listener.improved).containsExactly(true, false, true, false, false);
        }
    }

    @Test
    void withoutValidationTheLastEpochIsKept() {
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        TrainingRequest request = TrainingRuns.request(Backends.get(FakeBackend.NAME), train, null, 3, 1)
                .optCheckpointSink(checkpoints::add).build();
        try (TrainedModel model = new TrainingLoop(request, null).run()) {
            assertThat(model.history().bestEpoch()).isEqualTo(3);
            assertThat(model.history().stopReason()).isEqualTo("completed");
            assertThat(model.classifier().exportWeights()).isEqualTo(checkpoints.get(2).weights());
        }
    }

    @Test
    void keepsTheBestAucAndAmongEqualAucsTheLowerLoss() {
        BestEpochKeeping best = new BestEpochKeeping(true);
        List<Boolean> improved = new ArrayList<>();
        double[][] run = {{0.6, 0.8}, {0.5, 0.7}, {0.7, 0.9}, {0.4, 0.9}, {0.45, 0.9}};
        for (int e = 1; e <= run.length; e++) {
            improved.add(best.offer(TrainingRuns.epoch(e, run[e - 1][0], run[e - 1][1]), weightsOf(e)));
        }
        assertThat(improved).containsExactly(true, false, true, true, false);
        assertThat(best.epoch()).isEqualTo(4);
        EpochEnd end = best.epochEnd(List.of(TrainingRuns.epoch(5, 0.45, 0.9)), weightsOf(5));
        assertThat(end.bestWeights()).containsExactly(4);
        assertThat(end.bestScore()).isEqualTo(0.9);
        assertThat(end.epochsSinceBest()).isEqualTo(1);
    }

    @Test
    void exportsWeightsOnlyForABetterEpoch() {
        BestEpochKeeping best = new BestEpochKeeping(true);
        AtomicInteger exports = new AtomicInteger();
        Supplier<byte[]> counting = () -> new byte[] {(byte) exports.incrementAndGet()};
        best.offer(TrainingRuns.epoch(1, 0.5, 0.8), counting);
        best.offer(TrainingRuns.epoch(2, 0.5, 0.7), counting);
        best.offer(TrainingRuns.epoch(3, 0.5, 0.6), counting);
        assertThat(exports).hasValue(1);
    }

    @Test
    void withoutValidationEveryEpochIsBetterThanTheOneBefore() {
        BestEpochKeeping best = new BestEpochKeeping(false);
        for (int e = 1; e <= 3; e++) {
            assertThat(best.offer(TrainingRuns.unvalidated(e), weightsOf(e))).isTrue();
        }
        assertThat(best.epoch()).isEqualTo(3);
    }

    @Test
    void anEpochWithNoScoreAtAllIsNeverKept() {
        BestEpochKeeping best = new BestEpochKeeping(true);
        assertThat(best.offer(TrainingRuns.epoch(1, Double.NaN, Double.NaN), weightsOf(1))).isFalse();
        assertThat(best.hasWeights()).isFalse();
        assertThat(best.epoch()).isZero();
    }

    @Test
    void resumedKeepingComparesWithTheCheckpointsKeptEpochIncludingItsLoss() {
        List<EpochResult> history = List.of(TrainingRuns.epoch(1, 0.3, 1.0), TrainingRuns.epoch(2, 0.5, 1.0));
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(2, new byte[] {2}, new byte[] {1}, 1, 1.0, 1, history);
        BestEpochKeeping best = BestEpochKeeping.resumedFrom(checkpoint, true);
        assertThat(best.offer(TrainingRuns.epoch(3, 0.4, 1.0), weightsOf(3))).as("same AUC, higher loss").isFalse();
        assertThat(best.epochEnd(List.of(TrainingRuns.epoch(3, 0.4, 1.0)), weightsOf(3)).epochsSinceBest())
                .isEqualTo(2);
        assertThat(best.offer(TrainingRuns.epoch(4, 0.2, 1.0), weightsOf(4))).as("same AUC, lower loss").isTrue();
        assertThat(best.epoch()).isEqualTo(4);
    }

    private static Supplier<byte[]> weightsOf(int epoch) {
        return () -> new byte[] {(byte) epoch};
    }
}
