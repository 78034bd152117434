package org.covidxray.djl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.covidxray.image.ChannelNormalization;
import org.covidxray.io.Json;
import org.covidxray.model.ModelFormatException;

/**
 * The JSON file that describes a TorchScript classifier, beside the {@code .pt} file:
 * <pre>{@code
 * {
 *   "classNames": ["covid", "normal", "pneumonia"],
 *   "inputSize": 224,
 *   "channels": 1,
 *   "mean": [0.5],
 *   "std": [0.25],
 *   "output": "logits"
 * }
 * }</pre>
 * The model receives [N, channels, inputSize, inputSize] floats: the gray image scaled to [0, 1]
 * (stretched to the square, as {@link org.covidxray.image.PreprocessingConfig} describes), copied to
 * every channel and normalised per channel as {@code (v - mean[c]) / std[c]} ({@code mean} and
 * {@code std} have one value, used for every channel, or one per channel). {@code output} is
 * {@code logits} (softmax is applied; the default) or {@code probabilities} (used as they are).
 *
 * @param classNames output classes in the order of the model's outputs
 * @param inputSize side of the square input
 * @param channels input channels (1 or 3)
 * @param mean per-channel mean subtracted from [0, 1] values
 * @param std per-channel divisor
 * @param output {@code logits} or {@code probabilities}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DjlTorchScriptSidecar(List<String> classNames, int inputSize, int channels, List<Double> mean,
                                    List<Double> std, String output) {

    public DjlTorchScriptSidecar {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        mean = mean == null || mean.isEmpty() ? List.of(0.0) : List.copyOf(mean);
        std = std == null || std.isEmpty() ? List.of(1.0) : List.copyOf(std);
        output = output == null ? "logits" : output;
    }

    /** Reads and checks a sidecar file; the message names the file and the field that is wrong. */
    public static DjlTorchScriptSidecar read(Path file) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("TorchScript sidecar " + file + " does not exist. Write a JSON file with "
                    + "classNames, inputSize, channels, mean, std beside the .pt file (see docs/engines.md).");
        } catch (IOException e) {
            throw new ModelFormatException("TorchScript sidecar " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(tree, file.toString());
    }

    static DjlTorchScriptSidecar fromJson(JsonNode tree, String where) {
        if (tree == null || !tree.isObject()) {
            throw new ModelFormatException("TorchScript sidecar " + where + " must be a JSON object.");
        }
        List<String> classes = new ArrayList<>();
        tree.path("classNames").forEach(n -> classes.add(n.asText()));
        DjlTorchScriptSidecar sidecar = new DjlTorchScriptSidecar(classes, tree.path("inputSize").asInt(0),
                tree.path("channels").asInt(1), numbers(tree.path("mean")), numbers(tree.path("std")),
                tree.path("output").isMissingNode() ? null : tree.path("output").asText());
        sidecar.validate(where);
        return sidecar;
    }

    /** The sidecar as JSON-compatible values (stored in the model card of a bundle). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("classNames", classNames);
        map.put("inputSize", inputSize);
        map.put("channels", channels);
        map.put("mean", mean);
        map.put("std", std);
        map.put("output", output);
        return map;
    }

    /** The channels, mean and std the model's input is normalised with. */
    ChannelNormalization normalization() {
        return new ChannelNormalization(channels, mean, std);
    }

    boolean outputsLogits() {
        return "logits".equals(output);
    }

    private void validate(String where) {
        String prefix = "TorchScript sidecar " + where + ": ";
        if (classNames.size() < 2) {
            throw new ModelFormatException(prefix + "field 'classNames' must list at least two classes, has "
                    + classNames);
        }
        if (inputSize < 8 || inputSize > 2048) {
            throw new ModelFormatException(prefix + "field 'inputSize' must be between 8 and 2048, was " + inputSize);
        }
        normalization().validate(message -> new ModelFormatException(prefix + message));
        if (!output.equals("logits") && !output.equals("probabilities")) {
            throw new ModelFormatException(prefix + "field 'output' must be 'logits' or 'probabilities', was '"
                    + output + "'");
        }
    }

    private static List<Double> numbers(JsonNode node) {
        List<Double> values = new ArrayList<>();
        if (node.isNumber()) {
            values.add(node.asDouble());
        } else {
            node.forEach(n -> values.add(n.asDouble()));
        }
        return values;
    }
}
