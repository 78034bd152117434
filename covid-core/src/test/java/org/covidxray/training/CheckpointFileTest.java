package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Models;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.EpochResult;
import org.covidxray.model.ModelBundle;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    @TempDir
    Path dir;
    Dataset train;
    Dataset validation;
    Path file;

    @BeforeEach
    void data() {
        train = TrainingRuns.train(dir);
        validation = TrainingRuns.validation(dir);
        file = dir.resolve("run").resolve(CheckpointFile.FILE_NAME);
    }

    private TrainingRequest.Builder request(FakeBackend backend, int epochs) {
        return TrainingRuns.request(backend, train, validation, epochs, 0).optCheckpointFile(file);
    }

    @Test
    void theFileHoldsWhatTheLastCompletedEpochsCheckpointHeld() throws Exception {
        List<TrainingCheckpoint> sunk = new ArrayList<>();
        TrainingRequest request = request(FakeBackend.withValidationScript(EarlyStoppingTest.SCRIPT), 4)
                .optCheckpointSink(sunk::add).build();
        try (TrainedModel model = new TrainingLoop(request, null).run()) {
            assertThat(model.history().bestEpoch()).isEqualTo(3);
        }
        TrainingCheckpoint expected = sunk.get(3);
        TrainingCheckpoint read = CheckpointFile.read(file, request);
        assertThat(read.epoch()).isEqualTo(4);
        assertThat(read.weights()).isEqualTo(expected.weights());
        assertThat(read.bestWeights()).isEqualTo(expected.bestWeights()).isNotEqualTo(expected.weights());
        assertThat(read.bestEpoch()).isEqualTo(3);
        assertThat(read.bestScore()).isEqualTo(expected.bestScore());
        assertThat(read.epochsSinceBest()).isEqualTo(1);
        assertThat(read.history()).isEqualTo(expected.history());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary files left behind").containsExactly(file);
        }
    }

    @Test
    void resumingFromTheFileContinuesTheEpochsAndEndsLikeAnUninterruptedRun() {
        TrainedModel uninterrupted = new TrainingLoop(TrainingRuns.request(
                FakeBackend.withValidationScript(EarlyStoppingTest.SCRIPT), train, validation, 5, 0).build(), null).run();
        new TrainingLoop(request(FakeBackend.withValidationScript(EarlyStoppingTest.SCRIPT), 3).build(), null).run()
                .close();

        // a new process: same run, more epochs; the resumed network's script starts at epoch 4
        TrainingRequest again = request(FakeBackend.withValidationScript(0.8, 0.7), 5).build();
        TrainingRequest resumed = again.withResumeFrom(CheckpointFile.read(file, again));
        try (uninterrupted; TrainedModel model = new TrainingLoop(resumed, null).run()) {
            assertThat(model.history().epochs()).extracting(EpochResult::epoch).containsExactly(1, 2, 3, 4, 5);
            assertThat(model.history().epochs()).isEqualTo(withoutTimes(uninterrupted.history().epochs(),
                    model.history().epochs()));
            assertThat(model.history().bestEpoch()).isEqualTo(3);
            assertThat(model.classifier().exportWeights()).isEqualTo(uninterrupted.classifier().exportWeights());
        }
    }

    /** The uninterrupted run's results with the resumed run's timings (the only thing allowed to differ). */
    private static List<EpochResult> withoutTimes(List<EpochResult> expected, List<EpochResult> actual) {
        List<EpochResult> out = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            EpochResult e = expected.get(i);
            EpochResult a = actual.get(i);
            out.add(new EpochResult(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                    e.validationAccuracy(), e.validationAuc(), e.learningRate(), a.seconds(), a.imagesPerSecond()));
        }
        return out;
    }

    @Test
    void theFileIsAModelBundleOfTheBestEpochSoFar() {
        List<TrainingCheckpoint> sunk = new ArrayList<>();
        new TrainingLoop(request(FakeBackend.withValidationScript(EarlyStoppingTest.SCRIPT), 4)
                .optCheckpointSink(sunk::add).build(), null).run().close();
        ModelBundle bundle = ModelBundle.read(file);
        assertThat(bundle.manifest().provenance().history().stopReason()).isEqualTo(CheckpointFile.IN_PROGRESS);
        assertThat(bundle.manifest().provenance().history().bestEpoch()).isEqualTo(3);
        try (Classifier classifier = Models.load(file)) {
            assertThat(classifier.exportWeights()).isEqualTo(sunk.get(3).bestWeights());
        }
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedWithWhatDiffers() {
        new TrainingLoop(request(new FakeBackend(), 1).build(), null).run().close();
        TrainingRequest other = TrainingRuns.request(new FakeBackend(), train, null, 1, 0)
                .setArchitecture(Architecture.vggSmall(32)).build();
        assertThatThrownBy(() -> CheckpointFile.read(file, other)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("belongs to another run")
                .hasMessageContaining("other training/validation images")
                .hasMessageContaining("another network")
                .hasMessageNotContaining("backend")
                .hasMessageContaining("train from the start");
        assertThat(CheckpointFile.read(file).epoch()).as("unchecked reading still works").isEqualTo(1);
    }

    @Test
    void aMissingCorruptOrPlainModelFileIsNoCheckpoint() throws Exception {
        TrainingRequest request = request(new FakeBackend(), 1).build();
        assertThatThrownBy(() -> CheckpointFile.read(file, request)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("Nothing to resume").hasMessageContaining(file.toString());

        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> CheckpointFile.read(file, request)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is unreadable").hasMessageContaining("Delete it");

        try (TrainedModel model = new TrainingLoop(TrainingRuns.request(new FakeBackend(), train, validation, 1, 0)
                .build(), null).run()) {
            model.classifier().save(file);
        }
        assertThatThrownBy(() -> CheckpointFile.read(file, request)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not a training checkpoint");
    }

    @Test
    void deletingIsQuietWhenThereIsNothingToDelete() {
        new TrainingLoop(request(new FakeBackend(), 1).build(), null).run().close();
        CheckpointFile.delete(file);
        assertThat(file).doesNotExist();
        CheckpointFile.delete(file);
    }
}
