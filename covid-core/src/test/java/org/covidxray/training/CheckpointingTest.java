package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.covidxray.data.Dataset;
import org.covidxray.model.EpochResult;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.Test;

class CheckpointingTest {

    @Test
    void handsEverySinkWhereTheRunStandsAndNeverStopsIt() {
        List<TrainingCheckpoint> first = new ArrayList<>();
        List<TrainingCheckpoint> second = new ArrayList<>();
        List<Consumer<TrainingCheckpoint>> sinks = List.of(first::add, second::add);
        Checkpointing checkpointing = new Checkpointing(sinks);
        List<EpochResult> history = List.of(TrainingRuns.epoch(1, 0.3, 0.9), TrainingRuns.epoch(2, 0.4, 0.8));
        EpochEnd end = new EpochEnd(history, 1, 0.9, new byte[] {1}, 1, () -> new byte[] {2});

        assertThat(checkpointing.afterEpoch(end)).isEmpty();

        assertThat(first).singleElement().isSameAs(second.get(0)).satisfies(c -> {
            assertThat(c.epoch()).isEqualTo(2);
            assertThat(c.weights()).containsExactly(2);
            assertThat(c.bestWeights()).containsExactly(1);
            assertThat(c.bestEpoch()).isEqualTo(1);
            assertThat(c.bestScore()).isEqualTo(0.9);
            assertThat(c.epochsSinceBest()).isEqualTo(1);
            assertThat(c.history()).isEqualTo(history);
        });
    }

    @Test
    void onlyARequestWithASinkOrAFileIsCheckpointed() {
        Dataset none = new Dataset("none", List.of("a", "b"), List.of());
        assertThat(Checkpointing.of(TrainingRuns.request(new FakeBackend(), none, null, 1, 0).build(), h -> null))
                .isEmpty();
        assertThat(Checkpointing.of(TrainingRuns.request(new FakeBackend(), none, null, 1, 0)
                .optCheckpointSink(c -> { }).build(), h -> null)).isPresent();
        assertThat(Checkpointing.of(TrainingRuns.request(new FakeBackend(), none, null, 1, 0)
                .optCheckpointFile(Path.of("checkpoint.zip")).build(), h -> null)).isPresent();
    }
}
