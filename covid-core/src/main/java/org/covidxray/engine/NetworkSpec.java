package org.covidxray.engine;

import java.util.List;
import java.util.Objects;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;

/**
 * Everything an engine needs to build a trainable network.
 *
 * @param architecture the layers
 * @param classNames output classes, in index order
 * @param config optimiser, learning rate, weight decay, seed
 * @param classWeights per-class loss weights (cross entropy weighted as PyTorch's
 *     {@code CrossEntropyLoss(weight=...)}: sum of w[y]*loss over sum of w[y]), or {@code null}
 * @param device where to run
 * @param sourceNames the training images' sources, in the index order of {@link Batch#sources()}; empty when
 *     unknown. Source-adversarial training ({@link TrainingConfig#adversarialWeight()} above 0) needs at least two
 */
public record NetworkSpec(Architecture architecture, List<String> classNames, TrainingConfig config,
                          float[] classWeights, Device device, List<String> sourceNames) {

    public NetworkSpec {
        Objects.requireNonNull(architecture, "architecture");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(device, "device");
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes, got " + classNames);
        }
        if (classWeights != null && classWeights.length != classNames.size()) {
            throw new IllegalArgumentException(classWeights.length + " class weights for " + classNames.size() + " classes");
        }
        sourceNames = sourceNames == null ? List.of() : List.copyOf(sourceNames);
        if (config.adversarial() && sourceNames.size() < 2) {
            throw new IllegalArgumentException("source-adversarial training needs images of at least two sources, got "
                    + sourceNames);
        }
    }

    /** A network spec without source names (no source-adversarial training). */
    public NetworkSpec(Architecture architecture, List<String> classNames, TrainingConfig config,
                       float[] classWeights, Device device) {
        this(architecture, classNames, config, classWeights, device, List.of());
    }

    /** The number of sources, {@code sourceNames().size()}. */
    public int numSources() {
        return sourceNames.size();
    }

    public int numClasses() {
        return classNames.size();
    }
}
