package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.covidxray.data.Dataset;
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
}
