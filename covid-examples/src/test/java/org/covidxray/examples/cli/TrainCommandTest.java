package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.ClassFolders;
import org.covidxray.io.Json;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.FakeBackend;
import org.covidxray.testing.SyntheticImages;
import org.covidxray.training.CheckpointFile;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path dir;

    private String[] train(Path data, Path model, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--folder", data.toString(), "--backend", "fake",
                "--image-size", "32", "--batch-size", "4", "--out", model.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsWritesTheModelWithItsCardAndAReportFolder() throws Exception {
        Path data = ClassFolders.write(dir.resolve("data"), 8, 32, 1);
        Path model = dir.resolve("model.zip");
        CliRun run = CliRun.of(train(data, model, "--epochs", "2", "--progress", "bar"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Epoch 1/2", "Epoch 2/2", "validation loss", "Patient-disjoint split")
                .contains("Model written to " + model).contains(Disclaimer.TEXT);
        assertThat(run.out()).as("progress bar with ETA").contains("%").contains("loss ");

        ModelManifest manifest = ModelBundle.read(model).manifest();
        assertThat(manifest.classNames()).containsExactly("covid", "normal", "pneumonia");
        assertThat(manifest.provenance().history().epochs()).hasSize(2);
        assertThat(manifest.card().intendedUse()).contains("Research");
        assertThat(manifest.card().limitations()).isNotEmpty();
        assertThat(manifest.card().data().fingerprint()).startsWith("sha256:");
        assertThat(manifest.provenance().split().seed()).isEqualTo(42);
        assertThat(manifest.provenance().split().testImages()).isPositive();

        Path report = dir.resolve("model-report");
        JsonNode training = Json.mapper().readTree(report.resolve("training.json").toFile());
        assertThat(training.path("history").path("epochs")).hasSize(2);
        assertThat(Files.readAllLines(report.resolve("test-predictions.csv")).get(0))
                .isEqualTo("id,file,patient,source,label,predicted,p_covid,p_normal,p_pneumonia");
        assertThat(report.resolve(CheckpointFile.FILE_NAME)).as("checkpoint removed after a finished run").doesNotExist();
        assertThat(report.resolve("report.html")).exists();
        assertThat(report.resolve("training-curves.png")).exists();
        assertThat(run.out()).contains("Held-out test part").contains("threshold used: P(covid) >= 0.500");
        var test = manifest.card().testMetrics();
        assertThat(test.accuracy().value()).isBetween(0.0, 1.0);
        assertThat(test.positiveClassMetrics()).containsKeys("sensitivity", "specificity", "auc");
        assertThat(manifest.card().testBySource()).isNotEmpty();
    }

    @Test
    void calibratesTheInputGateOnTheValidationPart() {
        Path data = ClassFolders.write(dir.resolve("data"), 8, 32, 1);
        Path model = dir.resolve("calibrated.zip");
        CliRun run = CliRun.of(train(data, model, "--epochs", "1", "--val-fraction", "0.3"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelManifest manifest = ModelBundle.read(model).manifest();
        assertThat(manifest.inputGate()).as("input gate calibration").isNotNull();
        assertThat(manifest.inputGate().images()).isEqualTo(manifest.provenance().validationCounts().values()
                .stream().mapToInt(Integer::intValue).sum());
        assertThat(manifest.inputGate().threshold()).isPositive();
    }

    @Test
    void aYoudenDecisionPutsItsThresholdIntoTheModelCard() {
        Path data = ClassFolders.write(dir.resolve("data"), 8, 32, 1);
        Path model = dir.resolve("youden.zip");
        CliRun run = CliRun.of(train(data, model, "--epochs", "1", "--decision", "youden"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelManifest manifest = ModelBundle.read(model).manifest();
        org.covidxray.model.DecisionRule rule = manifest.decisionRule();
        assertThat(rule.hasThreshold()).isTrue();
        assertThat(rule.positiveClass()).isEqualTo("covid");
        assertThat(rule.method()).contains("validation");
        assertThat(run.out()).contains(String.format(java.util.Locale.ROOT, "P(covid) >= %.3f", rule.threshold()));
    }

    @Test
    void lookAugmentationIsStoredInTheModelBesideTheOtherAugmentation() {
        Path data = ClassFolders.write(dir.resolve("data"), 8, 32, 1);
        Path model = dir.resolve("look.zip");
        CliRun run = CliRun.of(train(data, model, "--epochs", "1", "--augment-look"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        var augmentation = ModelBundle.read(model).manifest().provenance().config().augmentation();
        assertThat(augmentation).isEqualTo(org.covidxray.image.AugmentationConfig.lookDefaults());
        Path both = dir.resolve("look-and-geometry.zip");
        assertThat(CliRun.of(train(data, both, "--epochs", "1", "--augment", "--augment-look")).exitCode()).isZero();
        var combined = ModelBundle.read(both).manifest().provenance().config().augmentation();
        assertThat(combined.hasLook()).isTrue();
        assertThat(combined.hasGeometry()).isTrue();
    }

    @Test
    void borderMaskAndBalancedSamplingAreStoredInTheModel() {
        Path data = ClassFolders.write(dir.resolve("data"), 8, 32, 1);
        Path model = dir.resolve("masked.zip");
        CliRun run = CliRun.of(train(data, model, "--epochs", "1", "--mask-border", "0.1", "--sampling",
                "balanced-sources"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelManifest manifest = ModelBundle.read(model).manifest();
        assertThat(manifest.preprocessing().borderMask()).isEqualTo(0.1f);
        assertThat(manifest.provenance().config().sampling()).isEqualTo(org.covidxray.model.Sampling.BALANCED_SOURCES);

        CliRun wrong = CliRun.of(train(data, dir.resolve("m2.zip"), "--mask-border", "0.6"));
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("--mask-border");
        CliRun unknown = CliRun.of(train(data, dir.resolve("m3.zip"), "--sampling", "random"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("shuffled or balanced-sources");
    }

    @Test
    void anAdversarialWeightOnABackendWithoutItIsRefusedBeforeTraining() {
        Path data = ClassFolders.write(dir.resolve("data"), 2, 16, 1);
        Path model = dir.resolve("adv.zip");
        CliRun run = CliRun.of(train(data, model, "--epochs", "1", "--adversarial-weight", "0.3"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--adversarial-weight", "fake backend", "--backend djl");
        assertThat(model).doesNotExist();
        CliRun negative = CliRun.of(train(data, model, "--adversarial-weight", "-1"));
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--adversarial-weight");
    }

    @Test
    void anUnknownBackendIsAUserError() {
        Path data = ClassFolders.write(dir.resolve("data"), 2, 16, 1);
        CliRun run = CliRun.of("train", "--folder", data.toString(), "--backend", "nope", "--out",
                dir.resolve("m.zip").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("Backend 'nope' is not on the class path").contains("fake (usable)");
    }

    @Test
    void withoutDataItSaysWhichOptionsGiveData() {
        CliRun run = CliRun.of("train", "--backend", "fake");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--folder", "--kermany", "--cohen");
    }

    @Test
    void aMissingDataFolderIsNamed() {
        Path missing = dir.resolve("no-such-folder");
        CliRun run = CliRun.of("train", "--backend", "fake", "--folder", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(missing.toString());
    }

    @Test
    void resumeWithoutACheckpointSaysSo() {
        Path data = ClassFolders.write(dir.resolve("data"), 4, 32, 1);
        CliRun run = CliRun.of(train(data, dir.resolve("m.zip"), "--resume"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Nothing to resume");
    }

    @Test
    void resumingAnotherRunsCheckpointIsAUserErrorThatSaysWhatDiffers() {
        Path data = ClassFolders.write(dir.resolve("data"), 4, 32, 1);
        Path model = dir.resolve("m.zip");
        Path checkpoint = dir.resolve("m-report").resolve(CheckpointFile.FILE_NAME);
        // a run on other images left its checkpoint in this run's report folder
        TrainingRequest other = TrainingRequest.builder().setBackend(new FakeBackend())
                .setArchitecture(org.covidxray.model.Architecture.defaultCnn(32))
                .optConfig(TrainingConfig.builder().setEpochs(1).optBatchSize(4).build())
                .setTrain(SyntheticImages.write(dir.resolve("other"), ClassFolders.CLASSES, 2, 32, 5))
                .optCheckpointFile(checkpoint).build();
        new TrainingLoop(other, null).run().close();

        CliRun run = CliRun.of(train(data, model, "--resume"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(checkpoint.toString()).contains("belongs to another run")
                .contains("other training/validation images");
    }

    @Test
    void aDivergedRunIsAUserErrorOnOneLineThatSaysToLowerTheLearningRate() {
        Path data = ClassFolders.write(dir.resolve("data"), 4, 32, 1);
        CliRun run = CliRun.of(train(data, dir.resolve("m.zip"), "--epochs", "3", "--lr", "1e300"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("covid train: Training diverged in epoch ")
                .contains("Lower the learning rate (it was 1E+300; try 1E+299)").doesNotContain("internal error");
    }
}
