package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.covidxray.dl4j.Dl4jNetworkBuilder.Convolution;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The per-image convolution computes what DL4J's own ConvolutionLayer computes: outputs and gradients. */
class Dl4jPerImageConvolutionTest {
    private static final TrainingConfig CONFIG = TrainingConfig.builder().optSeed(11).build();
    /** Odd sizes and two convolutions per block: every padding and boundary case of im2col and col2im. */
    private static final Architecture ARCH = new Architecture("t", 13, 2, List.of(3, 5), true, 0);

    @BeforeAll
    static void loadNd4j() {
        Dl4jEnvironment.ensureInitialised();
    }

    @Test
    void isTheDefault() {
        MultiLayerNetwork network = Dl4jNetworkBuilder.build(ARCH, 3, CONFIG, null);
        assertThat(network.getLayer(0)).isInstanceOf(Dl4jPerImageConvolutionLayer.class);
        network.close();
    }

    @Test
    void outputsAndGradientsEqualDl4jsConvolutionLayer() {
        MultiLayerNetwork ours = network(Convolution.PER_IMAGE);
        MultiLayerNetwork theirs = network(Convolution.DL4J);
        theirs.setParams(ours.params().dup());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(new long[] {4, 2, 13, 13});
        INDArray labels = Nd4j.zeros(4, 3);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i % 3, 1);
        }

        assertClose(ours.output(x, false), theirs.output(x, false), 1e-5);
        assertClose(ours.output(x, true), theirs.output(x, true), 1e-5);

        ours.setInput(x);
        ours.setLabels(labels);
        ours.computeGradientAndScore();
        theirs.setInput(x);
        theirs.setLabels(labels);
        theirs.computeGradientAndScore();
        assertThat(ours.score()).isCloseTo(theirs.score(), org.assertj.core.api.Assertions.within(1e-5));
        INDArray ourGradient = ours.gradient().gradient();
        INDArray theirGradient = theirs.gradient().gradient();
        assertThat(ourGradient.norm2Number().doubleValue()).isGreaterThan(0);
        assertClose(ourGradient, theirGradient, 1e-4);
        ours.close();
        theirs.close();
    }

    @Test
    void aSecondStepReusesNoStaleGradient() {
        MultiLayerNetwork ours = network(Convolution.PER_IMAGE);
        MultiLayerNetwork theirs = network(Convolution.DL4J);
        theirs.setParams(ours.params().dup());
        INDArray labels = Nd4j.zeros(3, 3);
        labels.getColumn(2).assign(1);
        for (int step = 0; step < 3; step++) {
            INDArray x = Nd4j.rand(new int[] {3, 2, 13, 13}).subi(0.5);
            ours.fit(x, labels);
            theirs.fit(x, labels);
        }
        assertClose(ours.params(), theirs.params(), 1e-4);
        ours.close();
        theirs.close();
    }

    private static MultiLayerNetwork network(Convolution convolution) {
        MultiLayerNetwork network = new MultiLayerNetwork(Dl4jNetworkBuilder.configuration(ARCH, 3, CONFIG, null,
                convolution));
        network.init();
        return network;
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double maxDifference = actual.sub(expected).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertThat(maxDifference).as("max |difference| (scale %s)", scale).isLessThan(tolerance * scale);
    }
}
