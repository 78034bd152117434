package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.covidxray.io.Json;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code covid evaluate --look-shift} on a few real Kermany images (skipped without ../shared). */
class LookShiftCommandTest {
    @TempDir
    Path dir;

    private static void copyFirst(Path from, int n, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.sorted().limit(n).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void evaluatesEveryPresetAtTheModelsThresholdAndFilesTheTable() throws Exception {
        Path kermany = SharedData.require("kaggle-pneumonia/train");
        Path data = dir.resolve("data");
        copyFirst(kermany.resolve("NORMAL"), 6, data.resolve("normal"));
        copyFirst(kermany.resolve("PNEUMONIA"), 6, data.resolve("pneumonia"));
        Path model = dir.resolve("model.zip");
        CliRun train = CliRun.of("train", "--folder", data.toString(), "--backend", "fake", "--image-size", "32",
                "--batch-size", "4", "--epochs", "1", "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();

        Path report = dir.resolve("eval");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--folder", data.toString(),
                "--look-shift", "presets", "--look-shift", "gamma=1.3,noise=0.02", "--report", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Look shifts (pneumonia against the rest, the model's threshold P(pneumonia) >= 0.500")
                .containsPattern("\\n  none\\s+12 ")
                .containsPattern("\\n  gamma1\\.6\\+contrast0\\.6\\+blur1\\.0\\s+12 ")
                .containsPattern("\\n  gamma1\\.3\\+noise0\\.02\\s+12 ");
        JsonNode shifts = Json.mapper().readTree(report.resolve("metrics.json").toFile()).path("lookShifts");
        assertThat(shifts.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(shifts.path("rows")).hasSize(10);
        JsonNode gamma = shifts.path("rows").get(2);
        assertThat(gamma.path("shift").asText()).isEqualTo("gamma1.6");
        assertThat(gamma.path("sensitivity").path("trials").asInt()).isEqualTo(6);
        assertThat(gamma.path("specificity").path("trials").asInt()).isEqualTo(6);
        assertThat(gamma.path("auc").path("method").asText()).contains("bootstrap");
    }

    @Test
    void aBadShiftIsAOneLineErrorNamingIt() {
        CliRun run = CliRun.of("evaluate", "--model", dir.resolve("none.zip").toString(), "--folder", dir.toString(),
                "--look-shift", "gamma=1.6,sharpen=2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--look-shift gamma=1.6,sharpen=2").contains("'sharpen=2'");
        assertThat(List.of(run.errLines())).hasSize(1);
    }
}
