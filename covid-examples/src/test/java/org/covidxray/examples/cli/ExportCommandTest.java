package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.export.SafetensorsFile;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportsTheBundledModelsParameters() {
        Path out = dir.resolve("bundled.safetensors");
        CliRun run = CliRun.of("export", "--format", "safetensors", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote 22 tensors").contains("cnn4").contains(out.toString())
                .contains("rebuild_from_safetensors.py").contains(Disclaimer.TEXT);
        SafetensorsFile file = SafetensorsFile.read(out);
        assertThat(file.tensors()).hasSize(22);
        assertThat(file.tensor("blocks.3.conv1.weight").orElseThrow().shape()).containsExactly(128, 64, 3, 3);
        assertThat(file.tensor("classifier.weight").orElseThrow().shape()).containsExactly(3, 128);
        assertThat(file.metadata()).containsEntry("sourceBackend", "djl").containsEntry("inputSize", "128")
                .containsEntry("classNames", "[\"covid\",\"normal\",\"pneumonia\"]");
    }

    @Test
    void refusesAnImportedTorchScriptModelNamingTheFile() {
        Path imported = dir.resolve("imported.zip");
        ModelBundle.write(imported, new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "ts", "djl", "1",
                "torchscript", null, List.of("a", "b"), PreprocessingConfig.defaults(16), null, "test", "now", null,
                null), new byte[] {1, 2, 3});
        Path out = dir.resolve("x.safetensors");
        CliRun run = CliRun.of("export", "--out", out.toString(), imported.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("imported.zip").contains("TorchScript");
        assertThat(out).doesNotExist();
    }

    @Test
    void needsAnOutputFileAndAKnownFormat() {
        assertThat(CliRun.of("export").exitCode()).isEqualTo(2);
        CliRun run = CliRun.of("export", "--format", "pickle", "--out", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).containsIgnoringCase("safetensors").contains("--format");
    }
}
