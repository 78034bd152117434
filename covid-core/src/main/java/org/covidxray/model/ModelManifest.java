package org.covidxray.model;

import java.util.List;
import java.util.Objects;
import org.covidxray.image.PreprocessingConfig;

/**
 * The JSON manifest of a model bundle ({@code manifest.json}).
 *
 * @param formatVersion bundle format version; this library writes {@link #CURRENT_FORMAT_VERSION} and
 *     reads it and format 1 (whose free-form card {@link ManifestUpgrade} converts)
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
 * @param card intended use, limitations, data and test results
 * @param decisionRule how probabilities become a class; {@link Classifier#predict(List)} applies it
 * @param inputGate where the validation images lie in feature space, to flag images far from them; or
 *     {@code null} (bundles written before it existed, imported models, no validation split)
 */
public record ModelManifest(int formatVersion, String modelId, String backend, String backendVersion,
                            String weightsFormat, Architecture architecture, List<String> classNames,
                            PreprocessingConfig preprocessing, TrainingProvenance provenance,
                            String libraryVersion, String createdAt, ModelCard card, DecisionRule decisionRule,
                            InputGateCalibration inputGate) {

    public static final int CURRENT_FORMAT_VERSION = 2;

    public ModelManifest {
        Objects.requireNonNull(backend, "backend");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(preprocessing, "preprocessing");
        card = card == null ? ModelCard.empty() : card;
        decisionRule = decisionRule == null ? DecisionRule.argmax() : decisionRule;
        if (decisionRule.hasThreshold() && !classNames.contains(decisionRule.positiveClass())) {
            throw new IllegalArgumentException("the decision rule thresholds class '" + decisionRule.positiveClass()
                    + "', which is not one of the classes " + classNames);
        }
    }

    /** A manifest without an input-gate calibration (what a freshly trained or imported model has). */
    public ModelManifest(int formatVersion, String modelId, String backend, String backendVersion,
                         String weightsFormat, Architecture architecture, List<String> classNames,
                         PreprocessingConfig preprocessing, TrainingProvenance provenance,
                         String libraryVersion, String createdAt, ModelCard card, DecisionRule decisionRule) {
        this(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture, classNames, preprocessing,
                provenance, libraryVersion, createdAt, card, decisionRule, null);
    }

    /** A copy with another model card. */
    public ModelManifest withCard(ModelCard newCard) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, provenance, libraryVersion, createdAt, newCard, decisionRule, inputGate);
    }

    /** A copy with another decision rule. */
    public ModelManifest withDecisionRule(DecisionRule rule) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, provenance, libraryVersion, createdAt, card, rule, inputGate);
    }

    /** A copy with other provenance (e.g. with the split recorded). */
    public ModelManifest withProvenance(TrainingProvenance newProvenance) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, newProvenance, libraryVersion, createdAt, card, decisionRule, inputGate);
    }

    /** A copy with another input-gate calibration ({@code null} for none). */
    public ModelManifest withInputGate(InputGateCalibration calibration) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, provenance, libraryVersion, createdAt, card, decisionRule, calibration);
    }
}
