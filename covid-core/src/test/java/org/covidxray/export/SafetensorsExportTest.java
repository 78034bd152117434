package org.covidxray.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.NetworkParameters;
import org.covidxray.testing.FunctionClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the export writes beside the tensors, and which models it refuses. */
class SafetensorsExportTest {
    @TempDir
    Path dir;

    @Test
    void metadataDescribesInputPreprocessingAndRule() {
        Architecture architecture = new Architecture("tiny", 32, 1, List.of(4), true, 0.2);
        ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "id-1", "dl4j", "1",
                "dl4j-modelserializer", architecture, List.of("covid", "normal"),
                PreprocessingConfig.defaults(32).withBorderMask(0.1f).withCenterCrop(true), null, "test", "now", null,
                DecisionRule.threshold("covid", 0.3, "Youden"));
        NetworkParameters parameters = NetworkParameters.builder(architecture, manifest.classNames())
                .conv(new float[36]).batchNorm(new float[4], new float[4], new float[4], new float[4])
                .conv(new float[144]).batchNorm(new float[4], new float[4], new float[4], new float[4])
                .dense(new float[8], new float[2]).build();
        var meta = SafetensorsExport.metadata(manifest, parameters);
        assertThat(meta).containsEntry("format", "pt").containsEntry("inputSize", "32").containsEntry("channels", "1")
                .containsEntry("classNames", "[\"covid\",\"normal\"]").containsEntry("borderMaskPixels", "3")
                .containsEntry("batchNormEpsilon", "1.0E-5").containsEntry("output", "logits")
                .containsEntry("sourceBackend", "dl4j").containsEntry("modelId", "id-1");
        assertThat(meta.get("architecture")).isEqualTo("{\"name\":\"tiny\",\"inputSize\":32,\"channels\":1,"
                + "\"widths\":[4],\"doubleConv\":true,\"dropout\":0.2}");
        assertThat(meta.get("preprocessing")).contains("\"centerCrop\":true", "\"mean\":0.5", "\"std\":0.25");
        assertThat(meta.get("decisionRule")).contains("\"positiveClass\":\"covid\"", "\"threshold\":0.3");
        assertThat(meta.get("notice")).contains("not a diagnostic device");
        assertThat(meta.values()).noneMatch(v -> v.contains("\n"));
    }

    @Test
    void aModelWithoutParametersIsRefusedByName() {
        var classifier = FunctionClassifier.leftBright(List.of("a", "b"), 16);
        Path out = dir.resolve("x.safetensors");
        assertThatThrownBy(() -> SafetensorsExport.write(classifier, out, "Model file imported.zip"))
                .isInstanceOf(SafetensorsException.class).hasMessageContaining("imported.zip")
                .hasMessageContaining("TorchScript");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBundleWithoutArchitectureIsRefusedBeforeAnyEngineLoads() {
        ModelManifest manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "ts", "no-such-engine", "1",
                "torchscript", null, List.of("a", "b"), PreprocessingConfig.defaults(16), null, "test", "now", null,
                null);
        ModelBundle bundle = new ModelBundle(Path.of("imported.zip"), manifest, new byte[] {1});
        assertThatThrownBy(() -> SafetensorsExport.write(bundle, dir.resolve("x.safetensors")))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("imported.zip").hasMessageContaining("'torchscript'");
    }
}
