package org.covidxray.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.covidxray.Version;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.Models;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelCard;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.NetworkParameters;

/**
 * Writes a model's named parameters ({@link NetworkParameters}: PyTorch naming and layout, whichever engine
 * trained it) as a safetensors file, with what a program needs to rebuild and use the network in
 * {@code __metadata__} (string values; structured ones as compact JSON):
 *
 * <table>
 * <caption>metadata keys</caption>
 * <tr><td>{@code format}</td><td>{@code pt}: PyTorch layouts (the Hugging Face convention)</td></tr>
 * <tr><td>{@code covidxray.export}</td><td>{@value #EXPORT_VERSION}, the version of this layout and these keys</td></tr>
 * <tr><td>{@code architecture}</td><td>the {@code Architecture} JSON (name, inputSize, channels, widths, doubleConv, dropout)</td></tr>
 * <tr><td>{@code classNames}</td><td>JSON array, in the order of the outputs</td></tr>
 * <tr><td>{@code inputSize}, {@code channels}</td><td>the input [N, channels, inputSize, inputSize]</td></tr>
 * <tr><td>{@code preprocessing}</td><td>the {@code PreprocessingConfig} JSON: resize (stretch or centre crop),
 *     histogram equalisation, normalisation {@code (v - mean) / std} of gray values in [0, 1], border mask</td></tr>
 * <tr><td>{@code borderMaskPixels}</td><td>input pixels set to 0 at each edge after normalisation</td></tr>
 * <tr><td>{@code batchNormEpsilon}</td><td>{@code 1e-05}</td></tr>
 * <tr><td>{@code output}</td><td>{@code logits}: the network ends with the dense layer; softmax gives the probabilities</td></tr>
 * <tr><td>{@code decisionRule}</td><td>the {@code DecisionRule} JSON (positiveClass, threshold or null, method)</td></tr>
 * <tr><td>{@code modelId}, {@code sourceBackend}, {@code sourceWeightsFormat}, {@code libraryVersion}, {@code notice}</td>
 *     <td>provenance, and that this is research software, not a diagnostic device</td></tr>
 * </table>
 */
public final class SafetensorsExport {
    /** Version of the naming, layout and metadata keys written here. */
    public static final String EXPORT_VERSION = "1";

    private SafetensorsExport() {
    }

    /**
     * Loads the bundle with the backend that wrote it (CPU) and writes its parameters to {@code out}.
     *
     * @throws SafetensorsException for a model whose network covid-xray did not build (imported TorchScript)
     */
    public static ExportSummary write(ModelBundle bundle, Path out) {
        String where = "Model file " + bundle.source();
        if (bundle.manifest().architecture() == null) {
            throw notExportable(where, bundle.manifest());
        }
        try (Classifier classifier = Models.load(bundle, DeviceType.CPU)) {
            return write(classifier, out, where);
        }
    }

    /**
     * Writes {@code classifier}'s parameters to {@code out}, atomically; {@code where} names the model in messages.
     *
     * @throws SafetensorsException for a model whose network covid-xray did not build (imported TorchScript)
     */
    public static ExportSummary write(Classifier classifier, Path out, String where) {
        ModelManifest manifest = classifier.manifest();
        NetworkParameters parameters = classifier.networkParameters()
                .orElseThrow(() -> notExportable(where, manifest));
        SafetensorsWriter.write(out, parameters.tensors(), metadata(manifest, parameters));
        return new ExportSummary(out, parameters.architecture().name(), parameters.tensors().size(),
                parameters.valueCount(), out.toFile().length());
    }

    /** The {@code __metadata__} strings for a model (see the class comment). */
    static Map<String, String> metadata(ModelManifest manifest, NetworkParameters parameters) {
        PreprocessingConfig pre = manifest.preprocessing();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("covidxray.export", EXPORT_VERSION);
        meta.put("architecture", compact(parameters.architecture()));
        meta.put("classNames", compact(parameters.classNames()));
        meta.put("inputSize", Integer.toString(parameters.architecture().inputSize()));
        meta.put("channels", Integer.toString(parameters.architecture().channels()));
        meta.put("preprocessing", compact(pre));
        meta.put("borderMaskPixels", Integer.toString(pre.borderMaskPixels()));
        meta.put("batchNormEpsilon", Double.toString(NetworkParameters.BATCH_NORM_EPSILON));
        meta.put("output", "logits");
        meta.put("decisionRule", compact(manifest.decisionRule()));
        meta.put("modelId", String.valueOf(manifest.modelId()));
        meta.put("sourceBackend", String.valueOf(manifest.backend()));
        meta.put("sourceWeightsFormat", String.valueOf(manifest.weightsFormat()));
        meta.put("libraryVersion", Version.get());
        meta.put("notice", ModelCard.NOT_A_DEVICE);
        return meta;
    }

    private static SafetensorsException notExportable(String where, ModelManifest manifest) {
        return new SafetensorsException(where + " (weights format '" + manifest.weightsFormat() + "') is not a "
                + "network covid-xray built, so it has no parameters to export: only models trained by covid-xray "
                + "(architectures cnn4, vgg5 or custom blocks, on djl or dl4j) can be. An imported TorchScript model "
                + "already is a PyTorch file: use the original .pt file.");
    }

    private static String compact(Object value) {
        ObjectWriter writer = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * What an export wrote.
     *
     * @param file the safetensors file
     * @param architecture the architecture's name
     * @param tensors number of named tensors
     * @param values number of float32 values (batch-norm running statistics included)
     * @param bytes the file's size
     */
    public record ExportSummary(Path file, String architecture, int tensors, long values, long bytes) {
    }
}
