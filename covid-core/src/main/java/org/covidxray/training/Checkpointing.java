package org.covidxray.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps a {@link TrainingCheckpoint} after every completed epoch, as Keras' {@code BackupAndRestore}
 * does: hands it to the request's checkpoint sink. It never ends training.
 */
final class Checkpointing implements EpochEndPolicy {
    private final List<Consumer<TrainingCheckpoint>> sinks;

    Checkpointing(List<Consumer<TrainingCheckpoint>> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /** The checkpointing a request asks for, if any. */
    static Optional<Checkpointing> of(TrainingRequest request) {
        List<Consumer<TrainingCheckpoint>> sinks = new ArrayList<>();
        if (request.checkpointSink() != null) {
            sinks.add(request.checkpointSink());
        }
        return sinks.isEmpty() ? Optional.empty() : Optional.of(new Checkpointing(sinks));
    }

    @Override
    public Optional<String> afterEpoch(EpochEnd end) {
        TrainingCheckpoint checkpoint = end.checkpoint();
        for (Consumer<TrainingCheckpoint> sink : sinks) {
            sink.accept(checkpoint);
        }
        return Optional.empty();
    }
}
