package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the tests that compare this module's layers with DL4J's own share: a gradient pass and a closeness check. */
final class Dl4jLayerComparison {
    private Dl4jLayerComparison() {
    }

    /** One forward and backward pass of {@code network} on {@code x}; the gradient and score stay in the network. */
    static void computeGradients(MultiLayerNetwork network, INDArray x, INDArray labels) {
        network.setInput(x);
        network.setLabels(labels);
        network.computeGradientAndScore();
    }

    /** Same shape, and every value within {@code tolerance} times max(1, the largest |expected| value). */
    static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double maxDifference = actual.sub(expected).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertThat(maxDifference).as("max |difference| (scale %s)", scale).isLessThan(tolerance * scale);
    }
}
