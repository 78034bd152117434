package org.covidxray.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.OutputKind;
import org.covidxray.model.Prediction;

/** A classifier whose probabilities are a function of the image: for tests of what consumes predictions. */
public final class FunctionClassifier implements Classifier {
    private final ModelManifest manifest;
    private final Function<ImageTensor, double[]> probabilities;
    private boolean closed;

    /**
     * @param classNames the classes
     * @param inputSize the preprocessing's image size
     * @param rule the manifest's decision rule, or {@code null} for argmax
     * @param probabilities one probability per class for an image
     */
    public FunctionClassifier(List<String> classNames, int inputSize, DecisionRule rule,
                              Function<ImageTensor, double[]> probabilities) {
        this(classNames, inputSize, rule, OutputKind.SOFTMAX, probabilities);
    }

    /**
     * As above, with an output kind: {@link OutputKind#SIGMOID} makes a multi-label model whose function gives
     * independent per-label scores ({@code rule} then per-label, or {@code null} for thresholds of 0.5).
     */
    public FunctionClassifier(List<String> classNames, int inputSize, DecisionRule rule, OutputKind kind,
                              Function<ImageTensor, double[]> probabilities) {
        this.manifest = new ModelManifest(ModelManifest.CURRENT_FORMAT_VERSION, "function", "fake", "1", "none", null,
                classNames, PreprocessingConfig.defaults(inputSize), null, "test", "now", null, rule, null, kind);
        this.probabilities = probabilities;
    }

    /** P(first class) is high when the left half of the image is brighter than the right half. */
    public static FunctionClassifier leftBright(List<String> classNames, int inputSize) {
        return new FunctionClassifier(classNames, inputSize, null, t -> {
            double left = 0;
            double right = 0;
            for (int y = 0; y < t.height(); y++) {
                for (int x = 0; x < t.width(); x++) {
                    if (x < t.width() / 2) {
                        left += t.get(0, y, x);
                    } else {
                        right += t.get(0, y, x);
                    }
                }
            }
            double p = left > right ? 0.9 : 0.1;
            return new double[] {p, 1 - p};
        });
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<Prediction> predictProbabilities(List<ImageTensor> images) {
        List<Prediction> out = new ArrayList<>(images.size());
        DecisionRule raw = manifest.multiLabel() ? DecisionRule.perLabel(manifest.classNames(), java.util.Map.of(), null)
                : DecisionRule.argmax();
        images.forEach(i -> out.add(new Prediction(manifest.classNames(), probabilities.apply(i), raw)));
        return out;
    }

    @Override
    public byte[] exportWeights() {
        return new byte[0];
    }

    @Override
    public void close() {
        closed = true;
    }
}
