package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Backends;
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
}
