package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.CovidXrayException;
import org.covidxray.data.Dataset;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDivergenceTest {
    @TempDir
    Path dir;

    @Test
    void aNanLossEndsTrainingWithWhereItHappenedAndTheFix() {
        Dataset train = TrainingRuns.train(dir);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        TrainingRuns.RecordingListener listener = new TrainingRuns.RecordingListener();
        // 3 batches per epoch: step 5 is the second batch of epoch 2
        TrainingRequest request = TrainingRuns.request(FakeBackend.divergingAtStep(5), train, null, 3, 0)
                .optCheckpointSink(checkpoints::add).build();

        TrainingDivergedException e = catchThrowableOfType(() -> new TrainingLoop(request, listener).run(),
                TrainingDivergedException.class);

        assertThat(e).isInstanceOf(CovidXrayException.class);
        assertThat(e.epoch()).isEqualTo(2);
        assertThat(e.batch()).isEqualTo(2);
        assertThat(e.loss()).isNaN();
        assertThat(e.learningRate()).isEqualTo(0.001);
        assertThat(e.suggestedLearningRate()).isEqualTo(0.0001);
        assertThat(e.getMessage()).isEqualTo("Training diverged in epoch 2, batch 2 of 3: the loss was NaN. Lower the "
                + "learning rate (it was 0.001; try 0.0001) and train again.");
        assertThat(listener.events).as("no epoch end for the diverged epoch")
                .endsWith("epoch 1 (best)", "batch 2.0/3");
        assertThat(checkpoints).as("the last good epoch's checkpoint stays").extracting(TrainingCheckpoint::epoch)
                .containsExactly(1);
    }

    @Test
    void absurdLearningRatesAreWrittenWithAnExponent() {
        TrainingDivergedException e = new TrainingDivergedException(1, 1, 1, Double.POSITIVE_INFINITY, 1e300);
        assertThat(e.getMessage()).contains("the loss was Infinity").contains("it was 1E+300; try 1E+299");
        assertThat(TrainingDivergedException.plain(3e-5)).isEqualTo("0.00003");
    }
}
