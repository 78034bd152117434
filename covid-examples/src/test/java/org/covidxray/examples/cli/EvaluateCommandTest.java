package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.ClassFolders;
import org.covidxray.io.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    static Path dir;

    static Path data;
    static Path model;

    @BeforeAll
    static void train() {
        data = ClassFolders.write(dir.resolve("data"), 8, 32, 1);
        model = dir.resolve("model.zip");
        CliRun run = CliRun.of("train", "--folder", data.toString(), "--backend", "fake", "--image-size", "32",
                "--batch-size", "4", "--epochs", "2", "--out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void printsTheReportWithIntervalsAndWritesTheReportFolder() throws Exception {
        Path report = dir.resolve("eval");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--folder", data.toString(),
                "--report", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("precision", "recall", "f1-score", "support", "macro avg", "weighted avg")
                .contains("threshold used: P(covid) >= 0.500 (default)")
                .containsPattern("sensitivity\\s+\\d\\.\\d{3} \\[\\d\\.\\d{3}, \\d\\.\\d{3}\\]")
                .containsPattern("specificity\\s+\\d\\.\\d{3} \\[")
                .containsPattern("AUC\\s+\\d\\.\\d{3} \\[")
                .contains("24 images").contains(Disclaimer.TEXT);
        assertThat(report.resolve("report.html")).exists();
        assertThat(report.resolve("roc.png")).exists();
        JsonNode metrics = Json.mapper().readTree(report.resolve("metrics.json").toFile());
        assertThat(metrics.path("images").asInt()).isEqualTo(24);

        CliRun again = CliRun.of("metrics", "--json", "--csv", report.resolve("predictions.csv").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode fromCsv = Json.mapper().readTree(again.out()).path("evaluation");
        assertThat(fromCsv.path("binaryIntervals").path("auc").path("estimate").asDouble())
                .as("metrics from predictions.csv agree with evaluate")
                .isCloseTo(metrics.path("binaryIntervals").path("auc").path("estimate").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void evaluatesOnlyTheHeldOutTestPartWhenAsked() {
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--part", "test",
                "--report", dir.resolve("eval-test").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("24 images").contains("/test");
        int recorded = org.covidxray.model.ModelBundle.read(model).manifest().provenance().split().testImages();
        assertThat(run.out()).as("the test part recorded in the model").contains(recorded + " images of");
    }

    @Test
    void theRecordedSplitIsUsedWhateverFractionsAreGivenAndOtherDataIsRefused() throws Exception {
        CliRun other = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--part", "test",
                "--test-fraction", "0.4", "--seed", "7", "--report", dir.resolve("eval-test2").toString());
        assertThat(other.exitCode()).as(other.err()).isZero();
        int recorded = org.covidxray.model.ModelBundle.read(model).manifest().provenance().split().testImages();
        assertThat(other.out()).contains(recorded + " images of");

        Path more = ClassFolders.write(dir.resolve("more"), 9, 32, 1);
        CliRun changed = CliRun.of("evaluate", "--model", model.toString(), "--data", more.toString(), "--part", "test",
                "--report", dir.resolve("eval-test3").toString());
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("is not the test part recorded in the model's provenance")
                .contains(org.covidxray.model.ModelBundle.read(model).manifest().provenance().split().testFingerprint());
    }

    @Test
    void dataWithClassesTheModelDoesNotKnowIsAUserError() throws Exception {
        Path other = ClassFolders.write(dir.resolve("other"), 2, 32, 5);
        java.nio.file.Files.move(other.resolve("pneumonia"), other.resolve("tuberculosis"));
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--folder", other.toString(),
                "--classes", "covid,normal,tuberculosis", "--report", dir.resolve("e3").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("[tuberculosis]").contains("not classes of the model");
    }
}
