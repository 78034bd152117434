package org.covidxray.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.covidxray.image.ChannelNormalization;
import org.covidxray.io.Json;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.OutputKind;

/**
 * The JSON file that describes an ONNX classifier, beside the {@code .onnx} file (same base name):
 * <pre>{@code
 * {
 *   "classNames": ["Atelectasis", "Consolidation", "Effusion"],
 *   "inputSize": 224,
 *   "channels": 1,
 *   "mean": [0.5],
 *   "std": [0.00048828125],
 *   "resize": "centre-crop",
 *   "output": "sigmoid",
 *   "thresholds": {"Effusion": 0.6}
 * }
 * }</pre>
 * The model receives one float32 input [N, channels, inputSize, inputSize]: the X-ray converted to gray
 * in [0, 1], resized to the square ({@code stretch}, the default, or {@code centre-crop}: the shorter side
 * scaled to {@code inputSize} and the centre kept), copied to every channel and normalised per channel as
 * {@code (v - mean[c]) / std[c]} (one value applies to every channel). It must return [N, classes] in the
 * order of {@code classNames}. {@code output} is {@code softmax} (probabilities summing to 1),
 * {@code logits} (covid-xray applies the softmax) or {@code sigmoid} (independent per-label probabilities:
 * multi-label). {@code thresholds} (sigmoid only) gives labels a threshold other than 0.5.
 *
 * @param classNames output classes (labels) in the order of the model's outputs: unique and non-empty
 * @param inputSize side of the square input
 * @param channels input channels (1 or 3)
 * @param mean per-channel mean subtracted from [0, 1] values
 * @param std per-channel divisor
 * @param centreCrop crop the centre after scaling the shorter side (true) or stretch (false)
 * @param output what the outputs are
 * @param thresholds per-label decision thresholds of a sigmoid model (others 0.5)
 */
public record OnnxSidecar(List<String> classNames, int inputSize, int channels, List<Double> mean, List<Double> std,
                          boolean centreCrop, OutputKind output, Map<String, Double> thresholds) {
    private static final String DOCS = " (see docs/engines.md, 'Serving an ONNX model').";
    private static final Set<String> FIELDS = Set.of("classNames", "inputSize", "channels", "mean", "std", "resize",
            "output", "thresholds", "description");

    public OnnxSidecar {
        classNames = List.copyOf(classNames);
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    /**
     * The sidecar beside {@code onnxFile}: {@code model.onnx.json} when it exists (what
     * {@code rebuild_from_safetensors.py} writes, beside the TorchScript file's {@code model.json}), else
     * {@code model.json}.
     */
    public static Path besides(Path onnxFile) {
        String name = onnxFile.getFileName().toString();
        Path own = onnxFile.resolveSibling(name + ".json");
        if (java.nio.file.Files.isRegularFile(own)) {
            return own;
        }
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return onnxFile.resolveSibling(base + ".json");
    }

    /** Reads and checks a sidecar file; every message names the file and the field, and says how to fix it. */
    public static OnnxSidecar read(Path file) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("ONNX sidecar " + file + " does not exist. Write a JSON file with classNames, "
                    + "inputSize, channels, mean, std, resize and output beside the .onnx file" + DOCS);
        } catch (IOException e) {
            throw new ModelFormatException("ONNX sidecar " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(tree, file.toString());
    }

    /** Parses and checks a sidecar; {@code where} names it in messages (a file, or a bundle's card entry). */
    static OnnxSidecar fromJson(JsonNode tree, String where) {
        String prefix = "ONNX sidecar " + where + ": ";
        if (tree == null || !tree.isObject()) {
            throw new ModelFormatException(prefix + "must be a JSON object" + DOCS);
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ModelFormatException(prefix + "unknown field '" + name + "'; the fields are " + FIELDS.stream()
                        .sorted().toList() + DOCS);
            }
        }
        List<String> classes = classNames(require(tree, "classNames", prefix, "a list of the output names in the "
                + "model's output order"), prefix);
        int size = integer(require(tree, "inputSize", prefix, "the side of the square input, e.g. 224"), "inputSize",
                prefix);
        int channels = tree.has("channels") ? integer(tree.get("channels"), "channels", prefix) : 1;
        OutputKind output;
        String outputText = require(tree, "output", prefix, "softmax, logits or sigmoid").asText();
        try {
            output = OutputKind.fromCode(outputText);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(prefix + "field 'output': " + e.getMessage() + DOCS, e);
        }
        OnnxSidecar sidecar = new OnnxSidecar(classes, size, channels, numbers(tree, "mean", 0.0, prefix),
                numbers(tree, "std", 1.0, prefix), centreCrop(tree, prefix), output, thresholds(tree, prefix));
        sidecar.validate(prefix);
        return sidecar;
    }

    /** The sidecar as JSON-compatible values (stored in the model card of a bundle; {@link #fromJson} reads it back). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("classNames", classNames);
        map.put("inputSize", inputSize);
        map.put("channels", channels);
        map.put("mean", mean);
        map.put("std", std);
        map.put("resize", centreCrop ? "centre-crop" : "stretch");
        map.put("output", output.code());
        map.put("thresholds", thresholds);
        return map;
    }

    /** The decision rule this sidecar implies: per-label thresholds for sigmoid, else the highest probability. */
    public DecisionRule decisionRule() {
        return output.multiLabel() ? DecisionRule.perLabel(classNames, thresholds, "thresholds of the ONNX sidecar")
                : DecisionRule.argmax();
    }

    /** The channels, mean and std the model's input is normalised with. */
    ChannelNormalization normalization() {
        return new ChannelNormalization(channels, mean, std);
    }

    private void validate(String prefix) {
        if (inputSize < 8 || inputSize > 2048) {
            throw new ModelFormatException(prefix + "field 'inputSize' must be between 8 and 2048, was " + inputSize);
        }
        normalization().validate(message -> new ModelFormatException(prefix + message));
        if (!output.multiLabel() && classNames.size() < 2) {
            throw new ModelFormatException(prefix + "field 'classNames' must list at least two classes for output '"
                    + output.code() + "', has " + classNames + "; a model with one output is a 'sigmoid' model");
        }
        if (!thresholds.isEmpty() && !output.multiLabel()) {
            throw new ModelFormatException(prefix + "field 'thresholds' applies to output 'sigmoid' only; a '"
                    + output.code() + "' model predicts its most probable class. Remove the field.");
        }
        for (Map.Entry<String, Double> t : thresholds.entrySet()) {
            if (!classNames.contains(t.getKey())) {
                throw new ModelFormatException(prefix + "field 'thresholds' names '" + t.getKey()
                        + "', which is not one of classNames " + classNames);
            }
            if (!(t.getValue() >= 0 && t.getValue() <= 1)) {
                throw new ModelFormatException(prefix + "field 'thresholds': the threshold of '" + t.getKey()
                        + "' must be in [0, 1], was " + t.getValue());
            }
        }
    }

    private static JsonNode require(JsonNode tree, String field, String prefix, String what) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            throw new ModelFormatException(prefix + "field '" + field + "' is missing; give " + what + DOCS);
        }
        return node;
    }

    private static List<String> classNames(JsonNode node, String prefix) {
        if (!node.isArray()) {
            throw new ModelFormatException(prefix + "field 'classNames' must be a list of strings, was " + node);
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            String name = n.isTextual() ? n.asText().trim() : "";
            if (name.isEmpty()) {
                throw new ModelFormatException(prefix + "field 'classNames': output " + i + " has an empty name (" + n
                        + "). Name every output, also those the model does not use (torchxrayvision leaves some "
                        + "empty): e.g. \"unused-" + i + "\".");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new ModelFormatException(prefix + "field 'classNames': the name '" + name + "' of output " + i
                        + " is used twice (names are compared ignoring case). Give every output its own name, e.g. \""
                        + name + "-" + i + "\".");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new ModelFormatException(prefix + "field 'classNames' is empty; list the output names in the model's "
                    + "output order" + DOCS);
        }
        return names;
    }

    private static int integer(JsonNode node, String field, String prefix) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new ModelFormatException(prefix + "field '" + field + "' must be a whole number, was " + node);
        }
        return node.asInt();
    }

    private static List<Double> numbers(JsonNode tree, String field, double absent, String prefix) {
        JsonNode node = tree.get(field);
        List<Double> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            values.add(absent);
        } else if (node.isNumber()) {
            values.add(node.asDouble());
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode n : node) {
                if (!n.isNumber()) {
                    throw new ModelFormatException(prefix + "field '" + field + "' must hold numbers, has " + n);
                }
                values.add(n.asDouble());
            }
        } else {
            throw new ModelFormatException(prefix + "field '" + field + "' must be a number or a list of 1 or "
                    + "'channels' numbers, was " + node);
        }
        return values;
    }

    private static boolean centreCrop(JsonNode tree, String prefix) {
        JsonNode node = tree.get("resize");
        String value = node == null || node.isNull() ? "stretch" : node.asText().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "stretch" -> false;
            case "centre-crop", "center-crop" -> true;
            default -> throw new ModelFormatException(prefix + "field 'resize' must be 'stretch' (the whole image "
                    + "squeezed to the square) or 'centre-crop' (the shorter side scaled, the centre kept, as "
                    + "torchxrayvision does), was " + node);
        };
    }

    private static Map<String, Double> thresholds(JsonNode tree, String prefix) {
        JsonNode node = tree.get("thresholds");
        Map<String, Double> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw new ModelFormatException(prefix + "field 'thresholds' must map label names to thresholds, e.g. "
                    + "{\"Effusion\": 0.6}; was " + node);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new ModelFormatException(prefix + "field 'thresholds': the threshold of '" + e.getKey()
                        + "' must be a number, was " + e.getValue());
            }
            map.put(e.getKey(), e.getValue().asDouble());
        }
        return map;
    }
}
