package org.covidxray.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.covidxray.image.ImageTensor;
import org.covidxray.io.Json;

/** The committed tiny ONNX models, their sidecars, PyTorch's expected scores and the images they were computed for. */
final class TinyModels {
    static final int SIZE = 32;

    private TinyModels() {
    }

    /** {@code src/test/resources/onnx/NAME.onnx}. */
    static Path onnx(String name) {
        return resource(name + ".onnx");
    }

    /** A copy of a model with another sidecar text, in {@code dir}. */
    static Path withSidecar(Path dir, String name, String sidecarJson) {
        try {
            Path copy = Files.copy(onnx(name), dir.resolve(name + ".onnx"));
            Files.writeString(dir.resolve(name + ".json"), sidecarJson);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sidecar text of a model. */
    static String sidecar(String name) {
        try {
            return Files.readString(resource(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PyTorch's scores for test image {@code k} (softmax applied for logits models). */
    static double[] expected(String name, int k) {
        try {
            JsonNode scores = Json.mapper().readTree(resource(name + ".expected.json").toFile()).get("images").get(k)
                    .get("scores");
            double[] out = new double[scores.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = scores.get(i).asDouble();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Test image {@code k}, gray in [0, 1], as the Python script generates it. */
    static ImageTensor image(int k) {
        float[] gray = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                gray[y * SIZE + x] = ((x + 2 * y + 7 * k) % 32) / 31f;
            }
        }
        return new ImageTensor(gray, 1, SIZE, SIZE);
    }

    private static Path resource(String file) {
        try {
            return Path.of(TinyModels.class.getResource("/onnx/" + file).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource onnx/" + file
                    + "; run covid-onnx/src/test/python/make_tiny_onnx.py", e);
        }
    }
}
