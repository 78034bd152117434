package org.covidxray.saliency;

import java.util.ArrayList;
import java.util.List;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;

/**
 * A fake two-class classifier ("normal", "covid") whose covid probability depends only on the
 * mean tensor value inside one rectangle: {@code sigmoid(gain * mean)}. Records every batch size.
 */
final class RegionClassifier implements Classifier {
    private final ModelManifest manifest;
    private final int x0;
    private final int y0;
    private final int x1;
    private final int y1;
    private final double gain;
    final List<Integer> batchSizes = new ArrayList<>();

    RegionClassifier(PreprocessingConfig preprocessing, int x0, int y0, int x1, int y1, double gain) {
        this.manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "region", "fake", "0", "none", null,
                List.of("normal", "covid"), preprocessing, null, "test", "2026-01-01T00:00:00Z", null, null);
        this.x0 = x0;
        this.y0 = y0;
        this.x1 = x1;
        this.y1 = y1;
        this.gain = gain;
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public synchronized List<Prediction> predictProbabilities(List<ImageTensor> images) {
        batchSizes.add(images.size());
        List<Prediction> out = new ArrayList<>();
        for (ImageTensor image : images) {
            double sum = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    sum += image.get(0, y, x);
                }
            }
            double p = 1 / (1 + Math.exp(-gain * sum / ((x1 - x0) * (y1 - y0))));
            out.add(new Prediction(manifest.classNames(), new double[] {1 - p, p}));
        }
        return out;
    }

    @Override
    public byte[] exportWeights() {
        return new byte[0];
    }

    @Override
    public void close() {
        // nothing to free
    }
}
