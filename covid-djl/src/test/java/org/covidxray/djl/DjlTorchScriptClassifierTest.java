package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.covidxray.engine.Device;
import org.covidxray.engine.Models;
import org.covidxray.image.ImageTensor;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript file written by PyTorch 1.13 (src/test/python/make_tiny_torchscript.py) loads in
 * DJL's PyTorch and gives the probabilities PyTorch itself computed.
 */
class DjlTorchScriptClassifierTest {
    private static final int SIZE = 32;

    @TempDir
    Path temp;

    @Test
    void givesTheProbabilitiesPyTorchComputed() throws Exception {
        JsonNode expected = Json.mapper().readTree(resource("tiny_classifier.expected.json").toFile());
        try (DjlTorchScriptClassifier classifier = DjlTorchScriptClassifier.load(resource("tiny_classifier.pt"))) {
            assertThat(classifier.classNames()).containsExactly("covid", "normal", "pneumonia");
            assertThat(classifier.preprocessing().imageSize()).isEqualTo(SIZE);
            List<Prediction> predictions = classifier.predict(images());
            for (JsonNode image : expected.path("images")) {
                double[] want = new double[3];
                for (int c = 0; c < 3; c++) {
                    want[c] = image.path("probabilities").get(c).asDouble();
                }
                assertThat(predictions.get(image.path("k").asInt()).probabilities())
                        .containsExactly(want, Offset.offset(1e-5));
            }
        }
    }

    @Test
    void savedAsABundleItLoadsThroughModels() throws Exception {
        Path bundle = temp.resolve("imported.zip");
        List<Prediction> before;
        try (DjlTorchScriptClassifier classifier = DjlTorchScriptClassifier.load(resource("tiny_classifier.pt"))) {
            before = classifier.predict(images());
            classifier.save(bundle);
        }
        try (Classifier loaded = Models.load(bundle)) {
            assertThat(loaded.manifest().weightsFormat()).isEqualTo(DjlTorchScriptClassifier.WEIGHTS_FORMAT);
            assertThat(loaded.manifest().backend()).isEqualTo(DjlBackend.NAME);
            List<Prediction> after = loaded.predict(images());
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i).probabilities()).containsExactly(before.get(i).probabilities(), Offset.offset(1e-6));
            }
        }
    }

    @Test
    void concurrentPredictionsAgree() throws Exception {
        try (DjlTorchScriptClassifier classifier = DjlTorchScriptClassifier.load(resource("tiny_classifier.pt"))) {
            List<ImageTensor> images = images();
            List<Prediction> expected = classifier.predict(images);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Prediction>>> futures = new ArrayList<>();
                for (int t = 0; t < 12; t++) {
                    futures.add(pool.submit(() -> classifier.predict(images)));
                }
                for (Future<List<Prediction>> f : futures) {
                    List<Prediction> got = f.get();
                    for (int i = 0; i < images.size(); i++) {
                        assertThat(got.get(i).probabilities())
                                .containsExactly(expected.get(i).probabilities(), Offset.offset(1e-6));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aSidecarWithTheWrongClassCountIsRefused() throws Exception {
        Path pt = Files.copy(resource("tiny_classifier.pt"), temp.resolve("model.pt"));
        Path json = temp.resolve("model.json");
        Files.writeString(json, "{\"classNames\": [\"a\", \"b\"], \"inputSize\": 32, \"channels\": 3}");
        assertThatThrownBy(() -> DjlTorchScriptClassifier.load(pt, json, Device.cpu()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.pt").hasMessageContaining("outputs 3 values").hasMessageContaining("2 classes");
    }

    @Test
    void aSidecarErrorNamesTheField() throws Exception {
        Path json = temp.resolve("bad.json");
        Files.writeString(json, "{\"classNames\": [\"a\", \"b\", \"c\"], \"inputSize\": 32, \"channels\": 2}");
        assertThatThrownBy(() -> DjlTorchScriptSidecar.read(json)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("'channels'");
    }

    @Test
    void aFileThatIsNotTorchScriptIsRefused() throws Exception {
        Path pt = temp.resolve("garbage.pt");
        Files.write(pt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Path json = Files.copy(resource("tiny_classifier.json"), temp.resolve("garbage.json"));
        assertThatThrownBy(() -> DjlTorchScriptClassifier.load(pt, json, Device.cpu()))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("garbage.pt");
    }

    /** The test images of make_tiny_torchscript.py: gray (x + 2y + 7k) % 32 / 31. */
    private static List<ImageTensor> images() {
        List<ImageTensor> images = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            float[] data = new float[SIZE * SIZE];
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    data[y * SIZE + x] = ((x + 2 * y + 7 * k) % 32) / 31f;
                }
            }
            images.add(new ImageTensor(data, 1, SIZE, SIZE));
        }
        return images;
    }

    private static Path resource(String name) throws URISyntaxException, IOException {
        var url = DjlTorchScriptClassifierTest.class.getResource("/torchscript/" + name);
        assertThat(url).as("test resource " + name).isNotNull();
        try (InputStream ignored = url.openStream()) {
            return Paths.get(url.toURI());
        }
    }
}
