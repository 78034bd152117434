package org.covidxray.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.covidxray.image.ImageTensor;

/**
 * A classifier seen through another manifest: the same engine and weights, another card or decision
 * rule. Closing it does not close the engine's classifier, which its owner closes.
 */
final class ManifestOverride implements Classifier {
    private final Classifier engine;
    private final ModelManifest manifest;

    private ManifestOverride(Classifier engine, ModelManifest manifest) {
        this.engine = engine;
        this.manifest = manifest;
    }

    static Classifier of(Classifier classifier, ModelManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        Classifier engine = classifier instanceof ManifestOverride o ? o.engine : classifier;
        ModelManifest own = engine.manifest();
        if (!own.classNames().equals(manifest.classNames()) || !own.preprocessing().equals(manifest.preprocessing())
                || !own.backend().equals(manifest.backend()) || own.outputKind() != manifest.outputKind()) {
            throw new IllegalArgumentException("a new manifest may change the card and the decision rule, not the "
                    + "backend, classes, preprocessing or output kind of model " + own.modelId());
        }
        manifest.decisionRule().requireClassOf(manifest.classNames(), "model " + manifest.modelId());
        return new ManifestOverride(engine, manifest);
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<Prediction> predictProbabilities(List<ImageTensor> images) {
        return engine.predictProbabilities(images);
    }

    @Override
    public List<PredictionWithFeatures> predictProbabilitiesWithFeatures(List<ImageTensor> images) {
        return engine.predictProbabilitiesWithFeatures(images);
    }

    @Override
    public boolean supportsFeatures() {
        return engine.supportsFeatures();
    }

    @Override
    public List<float[]> features(List<ImageTensor> images) {
        return engine.features(images);
    }

    @Override
    public Optional<NetworkParameters> networkParameters() {
        return engine.networkParameters();
    }

    @Override
    public byte[] exportWeights() {
        return engine.exportWeights();
    }

    @Override
    public void close() {
        // the engine's classifier belongs to whoever created it
    }
}
