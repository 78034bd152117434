package org.covidxray.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;

/**
 * A trained model that predicts class probabilities for chest X-ray images.
 *
 * <p>Thread safety: every implementation must allow concurrent calls to {@link #predict(List)} from
 * several threads (a web server does this); {@link #close()} must not run concurrently with them.
 *
 * <p>Research software, not a diagnostic device: outputs must not be used for clinical decisions.
 */
public interface Classifier extends AutoCloseable {

    /** The manifest: backend, architecture, classes, preprocessing and provenance. */
    ModelManifest manifest();

    /**
     * The engine's part: class probabilities for already preprocessed images (see {@link #preprocessing()}),
     * in input order. Callers use {@link #predict(List)}, which applies the model's decision rule.
     */
    List<Prediction> predictProbabilities(List<ImageTensor> images);

    /** Predictions for already preprocessed images, decided by the manifest's {@link DecisionRule}. */
    default List<Prediction> predict(List<ImageTensor> images) {
        DecisionRule rule = decisionRule();
        List<Prediction> raw = predictProbabilities(images);
        List<Prediction> decided = new java.util.ArrayList<>(raw.size());
        for (Prediction p : raw) {
            decided.add(p.withRule(rule));
        }
        return decided;
    }

    /**
     * The engine's part of {@link #predictWithFeatures(List)}: class probabilities and, when
     * {@link #supportsFeatures()}, feature vectors, in input order. The default runs two passes
     * ({@link #predictProbabilities(List)}, then {@link #features(List)}); engines whose networks give both
     * from one forward pass override it, and must give the same numbers as the two separate calls.
     */
    default List<PredictionWithFeatures> predictProbabilitiesWithFeatures(List<ImageTensor> images) {
        List<Prediction> raw = predictProbabilities(images);
        List<float[]> features = supportsFeatures() ? features(images) : null;
        List<PredictionWithFeatures> out = new java.util.ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            out.add(new PredictionWithFeatures(raw.get(i), features == null ? null : features.get(i)));
        }
        return out;
    }

    /**
     * Predictions decided by the manifest's {@link DecisionRule}, each with the image's feature vector
     * ({@code null} when the model gives none), from one forward pass where the engine supports it: what
     * batch prediction and the web page need for the check against the training data, at the cost of one
     * {@link #predict(List)}.
     */
    default List<PredictionWithFeatures> predictWithFeatures(List<ImageTensor> images) {
        DecisionRule rule = decisionRule();
        List<PredictionWithFeatures> raw = predictProbabilitiesWithFeatures(images);
        List<PredictionWithFeatures> decided = new java.util.ArrayList<>(raw.size());
        for (PredictionWithFeatures p : raw) {
            decided.add(p.withRule(rule));
        }
        return decided;
    }

    /** How this model turns probabilities into a class: from its manifest. */
    default DecisionRule decisionRule() {
        return manifest().decisionRule();
    }

    /**
     * This model with another manifest of the same network (e.g. a model card or decision rule chosen
     * after training). The returned classifier shares the engine's weights and must not outlive this one.
     */
    default Classifier withManifest(ModelManifest newManifest) {
        return ManifestOverride.of(this, newManifest);
    }

    /** The engine's weights, in the format stored in the bundle. */
    byte[] exportWeights();

    /**
     * Whether {@link #features(List)} is implemented. The project's own architectures support it on every
     * engine; imported models (e.g. TorchScript) may not, and then nothing can be said about how far an
     * image lies from the training data.
     */
    default boolean supportsFeatures() {
        return false;
    }

    /**
     * The network's feature vector for each already preprocessed image: what the final dense layer
     * sees, i.e. the globally average-pooled output of the last block (before dropout), one value per
     * channel of that block. Every vector of one model has the same length. Inference mode, and as safe
     * to call concurrently as {@link #predict(List)}.
     *
     * @throws UnsupportedOperationException when {@link #supportsFeatures()} is false
     */
    default List<float[]> features(List<ImageTensor> images) {
        throw new UnsupportedOperationException("Model " + manifest().modelId() + " (" + manifest().weightsFormat()
                + ") cannot give feature vectors; only the architectures covid-xray builds can.");
    }

    /**
     * The network's named parameters in covid-xray's PyTorch naming and layout ({@link NetworkParameters}),
     * e.g. for {@code org.covidxray.export.SafetensorsExport}. Empty for models whose network covid-xray did
     * not build (an imported TorchScript model, a test double). As safe to call concurrently as
     * {@link #predict(List)}.
     */
    default Optional<NetworkParameters> networkParameters() {
        return Optional.empty();
    }

    default List<String> classNames() {
        return manifest().classNames();
    }

    default PreprocessingConfig preprocessing() {
        return manifest().preprocessing();
    }

    default Prediction predict(ImageTensor image) {
        return predict(List.of(image)).get(0);
    }

    /** Decodes and preprocesses the file with this model's own settings, then predicts. */
    default Prediction predict(Path imageFile) {
        return predict(new Preprocessor(preprocessing()).load(imageFile));
    }

    /** Writes a model bundle atomically (temporary file, then move). */
    default void save(Path file) {
        ModelBundle.write(file, manifest(), exportWeights());
    }

    @Override
    void close();
}
