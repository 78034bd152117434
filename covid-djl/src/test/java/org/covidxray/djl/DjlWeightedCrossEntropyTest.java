package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The loss is PyTorch's {@code CrossEntropyLoss(weight=w)}: weighted sum over the sum of weights. */
class DjlWeightedCrossEntropyTest {
    private static final float[] LOGITS = {2f, 0f, -1f, 0.5f, 0.5f, 1f};
    private static final long[] LABELS = {0, 2};

    @Test
    void weightedLossIsNormalisedByTheSumOfTheLabelsWeights() {
        float[] weights = {1f, 1f, 3f};
        double expected = (1 * nll(0, 0) + 3 * nll(1, 2)) / (1 + 3);
        assertThat(loss(weights)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void withoutWeightsItIsTheMean() {
        double expected = (nll(0, 0) + nll(1, 2)) / 2;
        assertThat(loss(null)).isCloseTo(expected, within(1e-6));
    }

    private static double loss(float[] weights) {
        DjlEngine.get();
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), DjlEngine.ENGINE_NAME)) {
            var logits = manager.create(LOGITS, new Shape(2, 3));
            var labels = manager.create(LABELS);
            return new DjlWeightedCrossEntropy(weights, 3).evaluate(new NDList(labels), new NDList(logits)).getFloat();
        }
    }

    /** -log softmax(row)[label], by hand. */
    private static double nll(int row, int label) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += Math.exp(LOGITS[row * 3 + c]);
        }
        return -(LOGITS[row * 3 + label] - Math.log(sum));
    }
}
