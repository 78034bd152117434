package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Backends;
import org.covidxray.model.Architecture;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingConfig;
import org.covidxray.model.TrainingHistory;
import org.covidxray.testing.FakeBackend;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopResumeTest {

    @TempDir
    Path dir;

    private TrainingRequest.Builder request(Dataset train, Dataset validation) {
        return TrainingRequest.builder()
                .setBackend(Backends.get(FakeBackend.NAME))
                .setArchitecture(Architecture.defaultCnn(32))
                .optConfig(TrainingConfig.builder().setEpochs(3).optBatchSize(4).optSeed(7).build())
                .setTrain(train)
                .optValidation(validation);
    }

    @Test
    void resumingFromACheckpointGivesTheSameModelAsAnUninterruptedRun() {
        Dataset train = SyntheticImages.write(dir.resolve("train"), List.of("a", "b"), 6, 32, 1);
        // without validation the last epoch is kept, so the final weights show whether epochs 2-3 were redone
        Dataset validation = null;
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();

        byte[] uninterrupted;
        try (TrainedModel full = new TrainingLoop(request(train, validation).optCheckpointSink(checkpoints::add)
                .build(), null).run()) {
            uninterrupted = full.classifier().exportWeights();
        }
        assertThat(checkpoints).extracting(TrainingCheckpoint::epoch).containsExactly(1, 2, 3);

        TrainingCheckpoint afterFirst = checkpoints.get(0);
        assertThat(afterFirst.history()).hasSize(1);
        try (TrainedModel resumed = new TrainingLoop(request(train, validation).optResumeFrom(afterFirst).build(),
                null).run()) {
            assertThat(resumed.history().epochs()).extracting(EpochResult::epoch).containsExactly(1, 2, 3);
            assertThat(resumed.history().epochs().get(2).trainLoss())
                    .isEqualTo(checkpoints.get(2).history().get(2).trainLoss());
            assertThat(resumed.classifier().exportWeights()).isEqualTo(uninterrupted);
        }
    }

    @Test
    void withValidationTheResumedRunKeepsTheSameBestEpochAsAnUninterruptedOne() {
        Dataset train = SyntheticImages.write(dir.resolve("train"), List.of("a", "b"), 6, 32, 1);
        Dataset validation = SyntheticImages.write(dir.resolve("val"), List.of("a", "b"), 3, 32, 2);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        TrainingHistory full;
        byte[] uninterrupted;
        try (TrainedModel model = new TrainingLoop(request(train, validation).optCheckpointSink(checkpoints::add)
                .build(), null).run()) {
            full = model.history();
            uninterrupted = model.classifier().exportWeights();
        }
        try (TrainedModel resumed = new TrainingLoop(request(train, validation).optResumeFrom(checkpoints.get(1))
                .build(), null).run()) {
            assertThat(resumed.history().bestEpoch()).isEqualTo(full.bestEpoch());
            assertThat(resumed.classifier().exportWeights()).isEqualTo(uninterrupted);
        }
    }

    @Test
    void aRunStoppedMidEpochWritesNoCheckpointForThatEpoch() {
        Dataset train = SyntheticImages.write(dir.resolve("train"), List.of("a", "b"), 6, 32, 1);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        int[] batches = {0};
        TrainingRequest req = request(train, null)
                .optCheckpointSink(checkpoints::add)
                .optStopSignal(() -> ++batches[0] > 4)
                .build();
        try (TrainedModel model = new TrainingLoop(req, null).run()) {
            assertThat(model.history().stopReason()).isEqualTo("stopped by user");
        }
        assertThat(checkpoints).extracting(TrainingCheckpoint::epoch).containsExactly(1);
    }

    @Test
    void aResumedRunCountsEpochsWithoutImprovementFromTheCheckpoint() {
        Dataset train = TrainingRuns.train(dir);
        Dataset validation = TrainingRuns.validation(dir);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        byte[] uninterrupted;
        try (TrainedModel full = new TrainingLoop(TrainingRuns.request(FakeBackend.withValidationScript(
                EarlyStoppingTest.SCRIPT), train, validation, 8, 2).optCheckpointSink(checkpoints::add).build(),
                null).run()) {
            uninterrupted = full.classifier().exportWeights();
        }
        TrainingCheckpoint afterFourth = checkpoints.get(3);
        assertThat(afterFourth.epochsSinceBest()).isEqualTo(1);
        assertThat(afterFourth.bestEpoch()).isEqualTo(3);

        // the resumed network is validated afresh: its script starts at epoch 5
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(0.7, 0.95), train, validation,
                8, 2).optResumeFrom(afterFourth).build();
        try (TrainedModel resumed = new TrainingLoop(request, null).run()) {
            assertThat(resumed.history().epochs()).extracting(EpochResult::epoch).containsExactly(1, 2, 3, 4, 5);
            assertThat(resumed.history().stopReason()).isEqualTo("early stopping");
            assertThat(resumed.history().bestEpoch()).isEqualTo(3);
            assertThat(resumed.classifier().exportWeights()).isEqualTo(uninterrupted);
        }
    }

    @Test
    void aResumedRunStillBreaksAucTiesOnTheKeptEpochsValidationLoss() {
        Dataset train = TrainingRuns.train(dir);
        Dataset validation = TrainingRuns.validation(dir);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        try (TrainedModel full = new TrainingLoop(TrainingRuns.request(FakeBackend.withValidationScript(
                EarlyStoppingTest.SCRIPT), train, validation, 3, 0).optCheckpointSink(checkpoints::add).build(),
                null).run()) {
            assertThat(full.history().bestEpoch()).isEqualTo(3);
        }
        // epoch 4 has the same AUC as the kept epoch 3 but a higher loss: it must not count as better
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(0.8), train, validation, 4, 0)
                .optResumeFrom(checkpoints.get(2)).build();
        try (TrainedModel resumed = new TrainingLoop(request, null).run()) {
            assertThat(resumed.history().bestEpoch()).isEqualTo(3);
        }
    }
}
