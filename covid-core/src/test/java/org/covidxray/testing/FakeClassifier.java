package org.covidxray.testing;

import java.util.ArrayList;
import java.util.List;
import org.covidxray.engine.Batch;
import org.covidxray.image.ImageTensor;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;

/** The fake engine's classifier; immutable weights, so concurrent prediction is safe. */
final class FakeClassifier implements Classifier {
    private final ModelManifest manifest;
    private final FakeNetwork.Weights weights;

    FakeClassifier(ModelManifest manifest, FakeNetwork.Weights weights) {
        this.manifest = manifest;
        this.weights = weights;
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<Prediction> predictProbabilities(List<ImageTensor> images) {
        List<Prediction> out = new ArrayList<>();
        for (ImageTensor image : images) {
            Batch batch = new Batch(image.data(), new int[] {-1}, 1, image.channels(), image.height(), image.width());
            out.add(Prediction.of(manifest.classNames(), weights.predict(batch)[0]));
        }
        return out;
    }

    @Override
    public boolean supportsFeatures() {
        return true;
    }

    /** The pooled grid the fake's softmax regression reads (without its constant bias input). */
    @Override
    public List<float[]> features(List<ImageTensor> images) {
        List<float[]> out = new ArrayList<>();
        for (ImageTensor image : images) {
            Batch batch = new Batch(image.data(), new int[] {-1}, 1, image.channels(), image.height(), image.width());
            out.add(java.util.Arrays.copyOf(FakeNetwork.features(batch, 0), FakeNetwork.GRID * FakeNetwork.GRID));
        }
        return out;
    }

    @Override
    public byte[] exportWeights() {
        return weights.encode();
    }

    @Override
    public void close() {
        // nothing to free
    }
}
