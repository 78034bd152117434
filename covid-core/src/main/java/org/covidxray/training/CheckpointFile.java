package org.covidxray.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.covidxray.io.Json;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingHistory;
import org.covidxray.model.TrainingProvenance;

/**
 * The file a training run keeps so that it can be resumed after a crash or a stop. Ask for one with
 * {@link TrainingRequest.Builder#optCheckpointFile}; the loop rewrites it atomically after every
 * completed epoch. To continue the run, build the same request and
 * {@code request.withResumeFrom(CheckpointFile.read(file, request))}.
 *
 * <p>The file is a {@link ModelBundle}: its manifest and weights are those of the best epoch so far
 * (of the last one when none was kept), so it loads like any model, and its history's stop reason is
 * {@value #IN_PROGRESS}. Two further entries hold what resuming needs: {@value #LAST_WEIGHTS_ENTRY},
 * the weights after the last completed epoch, and {@value #STATE_ENTRY}, where the run stands.
 */
public final class CheckpointFile {
    /** The name {@code covid train} gives the checkpoint in its report folder. */
    public static final String FILE_NAME = "checkpoint.zip";
    /** The stop reason of a checkpoint's history: the run has not ended. */
    public static final String IN_PROGRESS = "in progress";
    static final String STATE_ENTRY = "checkpoint.json";
    static final String LAST_WEIGHTS_ENTRY = "last-weights.bin";
    /** Version 1 was the command line's own zip, without a model manifest. */
    private static final int FORMAT_VERSION = 2;

    /**
     * Where the run stands, beside the bundle's manifest (which holds the history).
     *
     * @param formatVersion {@link #FORMAT_VERSION}
     * @param epoch the last completed epoch
     * @param bestEpoch the kept epoch, 0 when none
     * @param bestScore the kept epoch's score ({@code null} in JSON when there is none)
     * @param epochsSinceBest epochs since the kept one that were no better
     * @param bestWeightsKept whether the bundle's weights are the kept epoch's (else the last epoch's)
     */
    private record State(int formatVersion, int epoch, int bestEpoch, double bestScore, int epochsSinceBest,
                         boolean bestWeightsKept) {
    }

    private CheckpointFile() {
    }

    /** The history a checkpoint's manifest records: the epochs so far, the kept one, {@value #IN_PROGRESS}. */
    static TrainingHistory historyOf(TrainingCheckpoint checkpoint) {
        return new TrainingHistory(checkpoint.history(), checkpoint.bestEpoch(), IN_PROGRESS);
    }

    /**
     * Writes the checkpoint atomically, so that a crash or Ctrl-C never leaves a half-written one.
     *
     * @param manifest the manifest of the run's model with {@link #historyOf} the checkpoint as its history
     */
    static void write(Path file, TrainingCheckpoint checkpoint, ModelManifest manifest) {
        boolean bestKept = checkpoint.bestWeights() != null;
        State state = new State(FORMAT_VERSION, checkpoint.epoch(), checkpoint.bestEpoch(), checkpoint.bestScore(),
                checkpoint.epochsSinceBest(), bestKept);
        byte[] stateBytes;
        try {
            stateBytes = Json.mapper().writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Could not write the state of checkpoint " + file, e);
        }
        ModelBundle.write(file, manifest, bestKept ? checkpoint.bestWeights() : checkpoint.weights(),
                Map.of(STATE_ENTRY, stateBytes, LAST_WEIGHTS_ENTRY, checkpoint.weights()));
    }

    /** Reads a checkpoint without checking which run it belongs to (for tools and tests). */
    public static TrainingCheckpoint read(Path file) {
        return checkpoint(file, bundle(file));
    }

    /**
     * Reads the checkpoint of a run like {@code request}: the same backend, classes, training and
     * validation images, network and preprocessing. Other settings (epochs, learning rate, patience)
     * may differ, so that a run can be continued for longer.
     *
     * @throws CheckpointException when the file is missing, unreadable or belongs to another run
     */
    public static TrainingCheckpoint read(Path file, TrainingRequest request) {
        ModelBundle bundle = bundle(file);
        List<String> differences = differences(request, bundle.manifest());
        if (!differences.isEmpty()) {
            throw new CheckpointException("The checkpoint " + file + " belongs to another run: "
                    + String.join("; ", differences) + ". Resume with the same data and settings, or train from "
                    + "the start without resuming.");
        }
        return checkpoint(file, bundle);
    }

    /** Removes the checkpoint (when its run has ended and nothing is left to resume); no error when absent. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static ModelBundle bundle(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("Nothing to resume: there is no checkpoint " + file
                    + ". Train from the start, or give the checkpoint file of the run to resume.");
        }
        try {
            return ModelBundle.read(file);
        } catch (ModelFormatException e) {
            throw new CheckpointException("The checkpoint " + file + " is unreadable (" + e.getMessage()
                    + "). Delete it and train from the start.", e);
        }
    }

    private static TrainingCheckpoint checkpoint(Path file, ModelBundle bundle) {
        byte[] stateBytes = bundle.entry(STATE_ENTRY);
        byte[] lastWeights = bundle.entry(LAST_WEIGHTS_ENTRY);
        TrainingProvenance provenance = bundle.manifest().provenance();
        if (stateBytes == null || lastWeights == null || provenance == null || provenance.history() == null) {
            throw new CheckpointException("The file " + file + " is a model but not a training checkpoint (it lacks "
                    + STATE_ENTRY + ", " + LAST_WEIGHTS_ENTRY + " or the training history). Give the checkpoint "
                    + "file of the run to resume, or train from the start.");
        }
        State state;
        try {
            state = Json.mapper().readValue(stateBytes, State.class);
        } catch (IOException e) {
            throw new CheckpointException("The checkpoint " + file + " has an unreadable " + STATE_ENTRY + " ("
                    + e.getMessage() + "). Delete it and train from the start.", e);
        }
        if (state.formatVersion() != FORMAT_VERSION) {
            throw new CheckpointException("The checkpoint " + file + " has format version " + state.formatVersion()
                    + "; this covid-xray reads version " + FORMAT_VERSION + ". Train from the start.");
        }
        return new TrainingCheckpoint(state.epoch(), lastWeights, state.bestWeightsKept() ? bundle.weights() : null,
                state.bestEpoch(), state.bestScore(), state.epochsSinceBest(), provenance.history().epochs());
    }

    private static List<String> differences(TrainingRequest request, ModelManifest found) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(request.backend().name(), found.backend())) {
            out.add("backend " + found.backend() + ", not " + request.backend().name());
        }
        if (!Objects.equals(request.train().classNames(), found.classNames())) {
            out.add("classes " + found.classNames() + ", not " + request.train().classNames());
        }
        String fingerprint = found.provenance() == null ? null : found.provenance().datasetFingerprint();
        if (!Objects.equals(request.dataFingerprint(), fingerprint)) {
            out.add("other training/validation images (" + fingerprint + ", now " + request.dataFingerprint() + ")");
        }
        if (!Objects.equals(request.architecture(), found.architecture())) {
            out.add("another network");
        }
        if (!Objects.equals(request.preprocessing(), found.preprocessing())) {
            out.add("other preprocessing (image size, crop, equalisation)");
        }
        return out;
    }
}
