package org.covidxray.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;
import ai.djl.util.PairList;

/**
 * The classifier of {@link DjlNetworks#build} with a source-adversarial head beside it, for training only.
 * With one input (the images) it is the classifier: logits. With two (images and the one-hot true class,
 * [N, classes]) it also gives source logits [N, sources]: the head reads the pooled features through a
 * {@link DjlGradientReversal} and has one output layer per class, of which the image's true class is used,
 * so that it names the source <em>given the class</em>. Source and class go together in the shared data
 * (every NIH image is non-COVID, every Hannover image COVID-19): a head without the class would push the
 * features to forget the class as well; this one penalises only what tells the sources apart beyond it.
 *
 * <p>The head: dense (features to {@code max(16, features)}), ReLU, dense (to classes x sources). The
 * classifier child is initialised first, so that its initial weights are those of the plain network with
 * the same seed. Weights are saved from the classifier child alone ({@link #classifier()}).
 */
final class DjlSourceAdversary extends AbstractBlock {
    private final SequentialBlock classifier;
    private final SequentialBlock head;
    private final int numClasses;
    private final int numSources;
    private final int featureLength;
    private volatile float reversal;

    DjlSourceAdversary(SequentialBlock classifier, int featureLength, int numClasses, int numSources) {
        this.classifier = addChildBlock("classifier", classifier);
        this.numClasses = numClasses;
        this.numSources = numSources;
        this.featureLength = featureLength;
        SequentialBlock h = new SequentialBlock();
        h.add(dense(Math.max(16, featureLength))).add(Activation.reluBlock()).add(dense(numClasses * numSources));
        this.head = addChildBlock("sourceHead", h);
    }

    SequentialBlock classifier() {
        return classifier;
    }

    /** The factor of the gradient reversal for the next forward passes (see {@link DjlGradientReversal#ramp}). */
    void setReversal(float factor) {
        reversal = factor;
    }

    float reversal() {
        return reversal;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        NDArray features = DjlNetworks.features(classifier, parameters, images, training);
        NDArray logits = DjlNetworks.logitsOfFeatures(classifier, parameters, features, training);
        if (inputs.size() < 2) {
            return new NDList(logits);
        }
        NDArray oneHotClass = inputs.get(1);
        NDArray reversed = DjlGradientReversal.apply(features, reversal);
        NDArray perClass = head.forward(parameters, new NDList(reversed), training).singletonOrThrow()
                .reshape(images.getShape().get(0), numClasses, numSources);
        NDArray sourceLogits = perClass.mul(oneHotClass.expandDims(2)).sum(new int[] {1});
        return new NDList(logits, sourceLogits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] classes = classifier.getOutputShapes(new Shape[] {inputShapes[0]});
        if (inputShapes.length < 2) {
            return classes;
        }
        return new Shape[] {classes[0], new Shape(inputShapes[0].get(0), numSources)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        classifier.initialize(manager, dataType, inputShapes[0]);
        head.initialize(manager, dataType, new Shape(1, featureLength));
    }

    private static Linear dense(int units) {
        Linear dense = Linear.builder().setUnits(units).optBias(true).build();
        dense.setInitializer(new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3f), Parameter.Type.WEIGHT);
        return dense;
    }
}
