package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.covidxray.data.Dataset;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events listeners (the CLI's progress bar, the report's curves) rely on, and how a stop ends a run. */
class TrainingLoopEventsTest {
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
    void listenersHearTheStartEveryBatchEveryEpochAndTheEnd() {
        TrainingRuns.RecordingListener listener = new TrainingRuns.RecordingListener();
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(0.6, 0.4), train, validation,
                2, 0).build();
        try (TrainedModel model = new TrainingLoop(request, listener).run()) {
            assertThat(listener.events).containsExactly("start 2 epochs, 3 batches",
                    "batch 1.0/3", "batch 1.1/3", "batch 1.2/3", "epoch 1 (best)",
                    "batch 2.0/3", "batch 2.1/3", "batch 2.2/3", "epoch 2",
                    "end: completed, keeping epoch 1");
        }
    }

    @Test
    void earlyStoppingEndsAfterTheEpochThatUsedUpThePatience() {
        TrainingRuns.RecordingListener listener = new TrainingRuns.RecordingListener();
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(0.6, 0.4), train, validation,
                5, 1).build();
        try (TrainedModel model = new TrainingLoop(request, listener).run()) {
            assertThat(listener.events).endsWith("epoch 2", "end: early stopping, keeping epoch 1");
        }
    }

    @Test
    void aStopInTheFirstEpochStillKeepsThatEpoch() {
        TrainingRuns.RecordingListener listener = new TrainingRuns.RecordingListener();
        int[] batches = {0};
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(0.6), train, validation, 3, 0)
                .optStopSignal(() -> ++batches[0] >= 2).build();
        try (TrainedModel model = new TrainingLoop(request, listener).run()) {
            assertThat(listener.events).containsExactly("start 3 epochs, 3 batches", "batch 1.0/3", "batch 1.1/3",
                    "epoch 1 (best)", "end: stopped by user, keeping epoch 1");
            assertThat(model.history().epochs()).singleElement()
                    .satisfies(e -> assertThat(e.validationAuc()).isEqualTo(1.0));
        }
    }

    @Test
    void aStopInALaterEpochDropsThatEpochAndKeepsTheBestSoFar() {
        TrainingRuns.RecordingListener listener = new TrainingRuns.RecordingListener();
        int[] batches = {0};
        TrainingRequest request = TrainingRuns.request(FakeBackend.withValidationScript(0.6, 0.9), train, validation,
                3, 0).optStopSignal(() -> ++batches[0] >= 5).build();
        try (TrainedModel model = new TrainingLoop(request, listener).run()) {
            assertThat(listener.events).endsWith("epoch 1 (best)", "batch 2.0/3", "batch 2.1/3",
                    "end: stopped by user, keeping epoch 1");
            assertThat(model.history().epochs()).hasSize(1);
        }
    }
}
