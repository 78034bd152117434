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
 * @param outputKind what the network's output row means ({@code null}, as in bundles written before it
 *     existed, reads as {@link OutputKind#SOFTMAX}); a {@link OutputKind#SIGMOID} model has a per-label
 *     decision rule ({@link DecisionRule#perLabel}, thresholds of 0.5 unless given)
 */
public record ModelManifest(int formatVersion, String modelId, String backend, String backendVersion,
                            String weightsFormat, Architecture architecture, List<String> classNames,
                            PreprocessingConfig preprocessing, TrainingProvenance provenance,
                            String libraryVersion, String createdAt, ModelCard card, DecisionRule decisionRule,
                            InputGateCalibration inputGate, OutputKind outputKind) {

    public static final int CURRENT_FORMAT_VERSION = 2;

    public ModelManifest {
        Objects.requireNonNull(backend, "backend");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(preprocessing, "preprocessing");
        card = card == null ? ModelCard.empty() : card;
        decisionRule = decisionRule == null ? DecisionRule.argmax() : decisionRule;
        outputKind = outputKind == null ? OutputKind.SOFTMAX : outputKind;
        if (outputKind.multiLabel() && decisionRule.hasThreshold()) {
            throw new IllegalArgumentException("a multi-label (sigmoid) model is decided per label, not by a "
                    + "threshold on one class ('" + decisionRule.positiveClass() + "')");
        }
        if (outputKind.multiLabel() && !decisionRule.multiLabel()) {
            decisionRule = DecisionRule.perLabel(classNames, java.util.Map.of(), null);
        }
        if (!outputKind.multiLabel() && decisionRule.multiLabel()) {
            throw new IllegalArgumentException("per-label thresholds need a multi-label (sigmoid) model; this one's "
                    + "output is " + outputKind.code());
        }
        if (decisionRule.multiLabel() && !decisionRule.labelThresholds().keySet()
                .equals(new java.util.LinkedHashSet<>(classNames))) {
            throw new IllegalArgumentException("the decision rule has thresholds for labels "
                    + decisionRule.labelThresholds().keySet() + " but the model's labels are " + classNames);
        }
        if (decisionRule.hasThreshold() && !classNames.contains(decisionRule.positiveClass())) {
            throw new IllegalArgumentException("the decision rule thresholds class '" + decisionRule.positiveClass()
                    + "', which is not one of the classes " + classNames);
        }
    }

    /** A single-label (softmax) manifest, as every model this library trains has. */
    public ModelManifest(int formatVersion, String modelId, String backend, String backendVersion,
                         String weightsFormat, Architecture architecture, List<String> classNames,
                         PreprocessingConfig preprocessing, TrainingProvenance provenance,
                         String libraryVersion, String createdAt, ModelCard card, DecisionRule decisionRule,
                         InputGateCalibration inputGate) {
        this(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture, classNames, preprocessing,
                provenance, libraryVersion, createdAt, card, decisionRule, inputGate, OutputKind.SOFTMAX);
    }

    /** Whether the model is multi-label (independent per-label scores, {@link OutputKind#SIGMOID}). */
    public boolean multiLabel() {
        return outputKind.multiLabel();
    }

    /** A manifest without an input-gate calibration (what a freshly trained or imported model has). */
    public ModelManifest(int formatVersion, String modelId, String backend, String backendVersion,
                         String weightsFormat, Architecture architecture, List<String> classNames,
                         PreprocessingConfig preprocessing, TrainingProvenance provenance,
                         String libraryVersion, String createdAt, ModelCard card, DecisionRule decisionRule) {
        this(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture, classNames, preprocessing,
                provenance, libraryVersion, createdAt, card, decisionRule, null, OutputKind.SOFTMAX);
    }

    /** A copy with another model card. */
    public ModelManifest withCard(ModelCard newCard) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, provenance, libraryVersion, createdAt, newCard, decisionRule, inputGate, outputKind);
    }

    /** A copy with another decision rule. */
    public ModelManifest withDecisionRule(DecisionRule rule) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, provenance, libraryVersion, createdAt, card, rule, inputGate, outputKind);
    }

    /** A copy with other provenance (e.g. with the split recorded). */
    public ModelManifest withProvenance(TrainingProvenance newProvenance) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, newProvenance, libraryVersion, createdAt, card, decisionRule, inputGate, outputKind);
    }

    /** A copy with another input-gate calibration ({@code null} for none). */
    public ModelManifest withInputGate(InputGateCalibration calibration) {
        return new ModelManifest(formatVersion, modelId, backend, backendVersion, weightsFormat, architecture,
                classNames, preprocessing, provenance, libraryVersion, createdAt, card, decisionRule, calibration, outputKind);
    }
}
