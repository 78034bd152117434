package org.covidxray.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.covidxray.engine.Architecture;
import org.covidxray.image.PreprocessingConfig;

/**
 * The JSON manifest of a model bundle ({@code manifest.json}).
 *
 * @param formatVersion bundle format version; this library reads {@link #CURRENT_FORMAT_VERSION}
 * @param modelId a unique id (random UUID at training time)
 * @param backend the backend that wrote the weights ({@code djl}, {@code dl4j})
 * @param backendVersion engine version that wrote them
 * @param weightsFormat the engine's weights format (e.g. {@code djl-params}, {@code dl4j-zip}, {@code torchscript})
 * @param architecture the network, or {@code null} for imported models
 * @param classNames output classes in index order
 * @param preprocessing how images become inputs
 * @param provenance how it was trained, or {@code null} for imported models
 * @param libraryVersion covid-xray version that wrote the bundle
 * @param createdAt ISO-8601 instant
 * @param card free-form model card data (test metrics, intended use, limitations), JSON-compatible
 * @param inputGate where the validation images lie in feature space, to flag images far from them; or
 *     {@code null} (bundles written before it existed, imported models, no validation split)
 */
public record ModelManifest(int formatVersion, String modelId, String backend, String backendVersion,
                            String weightsFormat, Architecture architecture, List<String> classNames,
                            PreprocessingConfig preprocessing, TrainingProvenance provenance,
                            String libraryVersion, String createdAt, Map<String, Object> card,
                            InputGateCalibration inputGate) {

    public static final int CURRENT_FORMAT_VERSION = 1;

    public ModelManifest {
        Objects.requireNonNull(backend, "backend");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(preprocessing, "preprocessing");
        card = card == null ? Map.of() : Map.copyOf(card);
    }

    /** A manifest without an input-gate calibration (what a freshly trained or imported model has). */
    public ModelManifest(int formatVersion, String modelId, String backend, String backendVersion,
                         String weightsFormat, Architecture architecture, List<String> classNames,
                         PreprocessingConfig preprocessing, TrainingProvenance provenance,
                         String libraryVersion, String createdAt, Map<String, Object> card) {
        this(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture, classNames, preprocessing,
                provenance, libraryVersion, createdAt, card, null);
    }

    /** A copy with other model card data. */
    public ModelManifest withCard(Map<String, Object> newCard) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, provenance, libraryVersion, createdAt, newCard, inputGate);
    }

    /** A copy with another input-gate calibration ({@code null} for none). */
    public ModelManifest withInputGate(InputGateCalibration calibration) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, provenance, libraryVersion, createdAt, card, calibration);
    }
}
