package org.covidxray.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingHistory;

/**
 * Keeps a {@link TrainingCheckpoint} after every completed epoch, as Keras' {@code BackupAndRestore}
 * does: hands it to the request's checkpoint sink and rewrites the request's {@link CheckpointFile}.
 * It never ends training.
 */
final class Checkpointing implements EpochEndPolicy {
    private final List<Consumer<TrainingCheckpoint>> sinks;

    Checkpointing(List<Consumer<TrainingCheckpoint>> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /**
     * The checkpointing a request asks for, if any.
     *
     * @param manifests the manifest of the run's model with a given history (a checkpoint file is a model bundle)
     */
    static Optional<Checkpointing> of(TrainingRequest request, Function<TrainingHistory, ModelManifest> manifests) {
        List<Consumer<TrainingCheckpoint>> sinks = new ArrayList<>();
        Path file = request.checkpointFile();
        if (file != null) {
            sinks.add(c -> CheckpointFile.write(file, c, manifests.apply(CheckpointFile.historyOf(c))));
        }
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
