package org.covidxray.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.covidxray.image.PreprocessingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles of format 1 (a free-form card) still load; format 2 types the card and the decision rule. */
class ModelManifestFormatTest {
    private static final String V1 = """
            {"formatVersion": 1, "modelId": "old", "backend": "fake", "backendVersion": "1", "weightsFormat": "x",
             "classNames": ["covid", "normal", "pneumonia"],
             "preprocessing": {"imageSize": 32, "centerCrop": false, "equalizeHistogram": false, "mean": 0.5,
                               "std": 0.25, "maxPixels": 50000000},
             "libraryVersion": "0.1.0", "createdAt": "2026-11-27T10:01:06Z",
             "card": {
               "intendedUse": "Research.",
               "limitations": ["One.", "Two."],
               "decisionThreshold": {"positiveClass": "covid", "threshold": 0.42, "method": "Youden's J",
                                     "description": "covid when ..."},
               "testMetrics": {"images": 839, "patients": 457, "accuracy": {"value": 0.9, "low": 0.88, "high": 0.92},
                               "macroAuc": {"value": 0.98, "low": null, "high": 0.99}, "positiveClass": "covid",
                               "threshold": 0.42, "thresholdSource": "Youden's J",
                               "covid sensitivity": {"value": 1.0, "low": 0.93, "high": 1.0},
                               "covid specificity": {"value": 0.98, "low": 0.97, "high": 0.99},
                               "intervals": "95% bootstrap percentile (patients)"},
               "data": {"name": "kermany+cohen", "fingerprint": "sha256:1", "imagesByClass": {"covid": 3},
                        "patients": 3, "split": "seed 42"},
               "testBySource": [{"source": "cohen", "positives": 49, "truePositives": 49, "negatives": 9,
                                 "falsePositives": 8, "sensitivity": {"estimate": 1.0, "lower": 0.927, "upper": 1.0},
                                 "specificity": {"estimate": 0.111, "lower": 0.02, "upper": 0.435}}],
               "torchscript": {"inputSize": 32}
             }}
            """;

    private static Path bundle(Path dir, String manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(ModelBundle.MANIFEST_ENTRY));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(ModelBundle.WEIGHTS_ENTRY));
            zip.write(new byte[] {1, 2, 3});
        }
        Path file = dir.resolve("model.zip");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void aFormat1CardBecomesTyped(@TempDir Path dir) throws IOException {
        ModelManifest m = ModelBundle.read(bundle(dir, V1)).manifest();
        assertThat(m.formatVersion()).isEqualTo(ModelManifest.CURRENT_FORMAT_VERSION);
        assertThat(m.decisionRule()).isEqualTo(DecisionRule.threshold("covid", 0.42, "Youden's J"));
        ModelCard card = m.card();
        assertThat(card.intendedUse()).isEqualTo("Research.");
        assertThat(card.limitations()).containsExactly("One.", "Two.");
        assertThat(card.data().fingerprint()).isEqualTo("sha256:1");
        assertThat(card.testMetrics().images()).isEqualTo(839);
        assertThat(card.testMetrics().accuracy().value()).isEqualTo(0.9);
        assertThat(card.testMetrics().macroAuc().low()).isNaN();
        assertThat(card.testMetrics().positiveClassMetrics()).containsOnlyKeys("sensitivity", "specificity");
        assertThat(card.testMetrics().positiveClassMetrics().get("specificity").high()).isEqualTo(0.99);
        ModelCard.SourceResult cohen = card.testBySource().get(0);
        assertThat(cohen.source()).isEqualTo("cohen");
        assertThat(cohen.falsePositives()).isEqualTo(8);
        assertThat(cohen.specificity().value()).isEqualTo(0.111);
        assertThat(cohen.specificity().high()).isEqualTo(0.435);
        assertThat(card.extra()).containsOnlyKeys("torchscript");
        assertThat(card.sourcesLeftOut()).isEmpty();
        assertThat(card.sourcesCrossValidated()).as("cards before cross-validation read as without it").isEmpty();
    }

    @Test
    void aFormat1RuleNamingAnUnknownClassFallsBackToTheHighestProbability(@TempDir Path dir) throws IOException {
        ModelManifest m = ModelBundle.read(bundle(dir, V1.replace("\"positiveClass\": \"covid\", \"threshold\": 0.42",
                "\"positiveClass\": \"tuberculosis\", \"threshold\": 0.42"))).manifest();
        assertThat(m.decisionRule().hasThreshold()).isFalse();
    }

    @Test
    void format2RoundTripsEveryTypedField(@TempDir Path dir) {
        ModelCard card = ModelCard.research()
                .withData(new ModelCard.TrainingData("d", "sha256:2", java.util.Map.of("covid", 1), 1, "split"))
                .withTest(new ModelCard.TestResults(10, 5, new ModelCard.Estimate(0.9, 0.8, Double.NaN),
                        ModelCard.Estimate.undefined(), "covid", 0.3, "validation",
                        java.util.Map.of("sensitivity", new ModelCard.Estimate(1, 0.7, 1)), "95% bootstrap"),
                        List.of(new ModelCard.SourceResult("nih", 0, 0, 10, 2, ModelCard.Estimate.undefined(),
                                new ModelCard.Estimate(0.8, 0.49, 0.94))))
                .withSourcesLeftOut(List.of(new ModelCard.SourceResult("mhh", 20, 18, 0, 0,
                        new ModelCard.Estimate(0.9, 0.7, 0.97), ModelCard.Estimate.undefined())))
                .withSourcesCrossValidated(List.of(new ModelCard.SourceResult("cohen", 21, 15, 39, 15,
                        new ModelCard.Estimate(0.714, 0.5, 0.862), new ModelCard.Estimate(0.615, 0.459, 0.751))))
                .withExtra("note", "kept");
        ModelManifest m = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "new", "fake", "1", "x", null,
                List.of("covid", "normal"), PreprocessingConfig.defaults(16), null, "0.1", "now", card,
                DecisionRule.threshold("covid", 0.3, "validation"));
        Path file = dir.resolve("m.zip");
        ModelBundle.write(file, m, new byte[] {7});
        ModelManifest back = ModelBundle.read(file).manifest();
        assertThat(back).isEqualTo(m);
    }

    @Test
    void aNewerFormatIsRefusedWithAHint(@TempDir Path dir) throws IOException {
        Path file = bundle(dir, V1.replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        assertThatThrownBy(() -> ModelBundle.read(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("format version 99").hasMessageContaining("versions 1 to 2");
    }
}
