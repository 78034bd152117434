package org.covidxray.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.covidxray.image.PreprocessingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    @TempDir
    Path dir;

    private static ModelManifest manifest() {
        return new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "id", "fake", "1", "fake-floats", null,
                List.of("a", "b"), PreprocessingConfig.defaults(32), null, "test", "2026-01-01T00:00:00Z", null, null);
    }

    @Test
    void extraEntriesAreWrittenAndReadBack() {
        Path file = dir.resolve("m.zip");
        ModelBundle.write(file, manifest(), new byte[] {1, 2}, Map.of("state.json", new byte[] {'{', '}'}));
        ModelBundle bundle = ModelBundle.read(file);
        assertThat(bundle.weights()).containsExactly(1, 2);
        assertThat(bundle.entry("state.json")).containsExactly('{', '}');
        assertThat(bundle.entry("missing")).isNull();
        assertThat(bundle.entry(ModelBundle.WEIGHTS_ENTRY)).as("the weights are not an extra entry").isNull();
    }

    @Test
    void extraEntriesCannotReplaceTheManifestOrTheWeights() {
        assertThatThrownBy(() -> ModelBundle.write(dir.resolve("m.zip"), manifest(), new byte[0],
                Map.of(ModelBundle.MANIFEST_ENTRY, new byte[0]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.zip");
    }
}
