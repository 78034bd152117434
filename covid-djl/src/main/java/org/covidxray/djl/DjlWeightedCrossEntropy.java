package org.covidxray.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross entropy with per-class weights, normalised as PyTorch's
 * {@code CrossEntropyLoss(weight=w)}: {@code sum_i w[y_i] * -log p_i[y_i] / sum_i w[y_i]}. Without
 * weights it is the plain mean. Labels are class indices; predictions are logits.
 */
final class DjlWeightedCrossEntropy extends Loss {
    private final float[] classWeights;

    DjlWeightedCrossEntropy(float[] classWeights, int numClasses) {
        super("WeightedSoftmaxCrossEntropy");
        if (classWeights == null) {
            classWeights = new float[numClasses];
            java.util.Arrays.fill(classWeights, 1f);
        }
        this.classWeights = classWeights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray oneHot = labels.singletonOrThrow().oneHot(classWeights.length);
        NDArray weights = logits.getManager().create(classWeights);
        NDArray perImage = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
        NDArray weightOfEach = oneHot.mul(weights).sum(new int[] {1});
        return perImage.mul(weightOfEach).sum().div(weightOfEach.sum());
    }
}
