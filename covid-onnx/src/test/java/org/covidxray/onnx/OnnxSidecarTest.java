package org.covidxray.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.covidxray.model.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad sidecars: each message names the file and the field, and says how to fix it. */
class OnnxSidecarTest {
    private static final String LOGITS = TinyModels.sidecar("tiny_logits");
    private static final String MULTI = TinyModels.sidecar("tiny_multilabel");

    @Test
    void aMissingSidecarSaysWhatToWrite(@TempDir Path dir) throws Exception {
        Path onnx = java.nio.file.Files.copy(TinyModels.onnx("tiny_logits"), dir.resolve("m.onnx"));
        assertThatThrownBy(() -> OnnxClassifier.load(onnx)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve("m.json").toString()).hasMessageContaining("does not exist")
                .hasMessageContaining("classNames");
    }

    @Test
    void modelOnnxJsonIsPreferredToModelJson(@TempDir Path dir) throws Exception {
        Path onnx = Files.write(dir.resolve("model.onnx"), new byte[] {1});
        assertThat(OnnxSidecar.besides(onnx)).isEqualTo(dir.resolve("model.json"));
        // what rebuild_from_safetensors.py writes beside the TorchScript file's model.json
        Files.writeString(dir.resolve("model.onnx.json"), "{}");
        assertThat(OnnxSidecar.besides(onnx)).isEqualTo(dir.resolve("model.onnx.json"));
    }

    @Test
    void missingFieldsAreNamed(@TempDir Path dir) {
        refused(dir, "tiny_logits", LOGITS.replaceFirst("\"classNames\"", "\"labels\""), "'labels'");
        refused(dir, "tiny_logits", remove(LOGITS, "\"output\": \"logits\""), "field 'output' is missing");
        refused(dir, "tiny_logits", remove(LOGITS, "\"inputSize\": 32"), "field 'inputSize' is missing");
        refused(dir, "tiny_logits", "[1, 2]", "must be a JSON object");
        refused(dir, "tiny_logits", "{", "not valid JSON");
    }

    @Test
    void emptyOrRepeatedNamesAreRefusedWithHowToNameThem(@TempDir Path dir) {
        refused(dir, "tiny_logits", LOGITS.replace("\"normal\"", "\"\""), "output 1 has an empty name", "unused-1");
        refused(dir, "tiny_logits", LOGITS.replace("\"normal\"", "\"COVID\""), "'COVID' of output 1 is used twice",
                "COVID-1");
        refused(dir, "tiny_logits", LOGITS.replaceAll("\\[\\s*\"covid\",\\s*\"normal\",\\s*\"pneumonia\"\\s*\\]", "[]"),
                "field 'classNames' is empty");
    }

    @Test
    void theOutputCountMustMatchTheModel(@TempDir Path dir) {
        refused(dir, "tiny_logits", LOGITS.replace(",\n    \"pneumonia\"", ""), "outputs 3 values per image",
                "'classNames' lists 2");
        refused(dir, "tiny_multilabel", MULTI.replace("\"Nodule\"", "\"Nodule\", \"Mass\""), "outputs 5 values",
                "lists 6");
    }

    @Test
    void theInputMustMatchTheModel(@TempDir Path dir) {
        refused(dir, "tiny_logits", LOGITS.replace("\"channels\": 1", "\"channels\": 3"), "field 'channels' gives 3",
                "set 'channels' to 1");
        refused(dir, "tiny_logits", LOGITS.replace("\"inputSize\": 32", "\"inputSize\": 64"), "field 'inputSize'");
        refused(dir, "tiny_logits", LOGITS.replace("\"channels\": 1", "\"channels\": 2"), "must be 1 or 3");
        refused(dir, "tiny_logits", LOGITS.replace("[\n    0.25\n  ]", "[0]"), "field 'std'");
        refused(dir, "tiny_logits", LOGITS.replace("\"stretch\"", "\"squash\""), "field 'resize'", "centre-crop");
    }

    @Test
    void theOutputKindMustFitTheOutputs(@TempDir Path dir) {
        refused(dir, "tiny_logits", LOGITS.replace("\"logits\"", "\"probits\""), "field 'output'", "sigmoid");
        // logits are not probabilities: declared softmax or sigmoid they are refused at load time
        refused(dir, "tiny_logits", LOGITS.replace("\"logits\"", "\"softmax\""), "field 'output' says 'softmax'");
        refused(dir, "tiny_multilabel", MULTI.replace("\"sigmoid\"", "\"softmax\"").replaceAll(
                "\"thresholds\": \\{[^}]*\\}", "\"description\": \"x\""), "sum to", "declare 'sigmoid'");
    }

    @Test
    void thresholdsAreForSigmoidModelsAndKnownLabels(@TempDir Path dir) {
        refused(dir, "tiny_multilabel", MULTI.replace("\"Effusion\": 0.7", "\"Effusions\": 0.7"), "'Effusions'",
                "not one of classNames");
        refused(dir, "tiny_multilabel", MULTI.replace("\"Effusion\": 0.7", "\"Effusion\": 7"), "[0, 1]");
        refused(dir, "tiny_logits", LOGITS.replace("\"output\"", "\"thresholds\": {\"covid\": 0.3},\n  \"output\""),
                "field 'thresholds' applies to output 'sigmoid' only");
        refused(dir, "tiny_logits", LOGITS.replace("\"output\"", "\"treshold\": 0.3,\n  \"output\""),
                "unknown field 'treshold'");
    }

    private static void refused(Path dir, String model, String sidecar, String... parts) {
        Path folder = dir.resolve("case-" + Integer.toHexString(sidecar.hashCode()));
        folder.toFile().mkdirs();
        Path onnx = TinyModels.withSidecar(folder, model, sidecar);
        var thrown = assertThatThrownBy(() -> OnnxClassifier.load(onnx)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(folder.resolve(model + ".json").toString());
        for (String part : parts) {
            thrown.hasMessageContaining(part);
        }
    }

    private static String remove(String json, String field) {
        return json.replace(field + ",", "").replace(",\n  " + field, "");
    }
}
