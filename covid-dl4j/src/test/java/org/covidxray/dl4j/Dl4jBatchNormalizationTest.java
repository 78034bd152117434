package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.covidxray.dl4j.Dl4jLayerComparison.assertClose;
import static org.covidxray.dl4j.Dl4jLayerComparison.computeGradients;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.covidxray.dl4j.Dl4jNetworkBuilder.BatchNorm;
import org.covidxray.dl4j.Dl4jNetworkBuilder.Convolution;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The row-wise batch norm computes what DL4J's own BatchNormalization computes: outputs, gradients, statistics. */
class Dl4jBatchNormalizationTest {
    private static final TrainingConfig CONFIG = TrainingConfig.builder().optSeed(11).optLearningRate(1e-2).build();
    /** Odd sizes and two convolutions per block; inputs with a mean and scale of their own. */
    private static final Architecture ARCH = new Architecture("t", 13, 2, List.of(3, 5), true, 0);

    @BeforeAll
    static void loadNd4j() {
        Dl4jEnvironment.ensureInitialised();
    }

    @Test
    void isTheDefault() {
        MultiLayerNetwork network = Dl4jNetworkBuilder.build(ARCH, 3, CONFIG, null);
        assertThat(network.getLayer(1)).isInstanceOf(Dl4jBatchNormalizationLayer.class);
        network.close();
    }

    @Test
    void outputsAndGradientsEqualDl4jsBatchNormalization() {
        MultiLayerNetwork ours = network(BatchNorm.ROWS);
        MultiLayerNetwork theirs = network(BatchNorm.DL4J);
        Nd4j.getRandom().setSeed(5);
        INDArray params = ours.params().dup();
        // running statistics away from (0, 1), gamma and beta away from (1, 0): every term of the maths counts
        INDArray random = Nd4j.rand(params.shape()).subi(0.5);
        params.addi(random);
        ours.setParams(params.dup());
        theirs.setParams(params.dup());
        INDArray x = Nd4j.randn(new long[] {4, 2, 13, 13}).muli(2).addi(1.5);
        INDArray labels = labels(4);

        assertClose(ours.output(x, false), theirs.output(x, false), 1e-5);
        assertClose(ours.output(x, true), theirs.output(x, true), 1e-5);

        computeGradients(ours, x, labels);
        computeGradients(theirs, x, labels);
        assertThat(ours.score()).isCloseTo(theirs.score(), within(1e-5));
        assertThat(ours.gradient().gradientForVariable().keySet())
                .containsExactlyElementsOf(theirs.gradient().gradientForVariable().keySet());
        for (String key : theirs.gradient().gradientForVariable().keySet()) {
            INDArray theirGradient = theirs.gradient().getGradientFor(key);
            assertThat(theirGradient.norm2Number().doubleValue()).as(key).isGreaterThan(0);
            assertClose(ours.gradient().getGradientFor(key), theirGradient, 1e-4);
        }
        ours.close();
        theirs.close();
    }

    @Test
    void severalTrainingStepsGiveTheSameParametersAndRunningStatistics() {
        MultiLayerNetwork ours = network(BatchNorm.ROWS);
        MultiLayerNetwork theirs = network(BatchNorm.DL4J);
        theirs.setParams(ours.params().dup());
        INDArray before = ours.getLayer(1).getParam("mean").dup();
        for (int step = 0; step < 4; step++) {
            INDArray x = Nd4j.rand(new int[] {3, 2, 13, 13}).muli(3).addi(step);
            ours.fit(x, labels(3));
            theirs.fit(x, labels(3));
        }
        assertThat(ours.getLayer(1).getParam("mean").sub(before).amaxNumber().doubleValue()).isGreaterThan(0.1);
        assertClose(ours.params(), theirs.params(), 1e-4);
        INDArray test = Nd4j.rand(new int[] {2, 2, 13, 13}).muli(3);
        assertClose(ours.output(test, false), theirs.output(test, false), 1e-4);
        ours.close();
        theirs.close();
    }

    @Test
    void survivesTheModelFormat() throws Exception {
        MultiLayerNetwork ours = network(BatchNorm.ROWS);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ModelSerializer.writeModel(ours, bytes, false);
        MultiLayerNetwork read = ModelSerializer.restoreMultiLayerNetwork(
                new java.io.ByteArrayInputStream(bytes.toByteArray()), false);
        assertThat(read.getLayer(1)).isInstanceOf(Dl4jBatchNormalizationLayer.class);
        assertThat(read.params()).isEqualTo(ours.params());
        ours.close();
        read.close();
    }

    private static INDArray labels(int n) {
        INDArray labels = Nd4j.zeros(n, 3);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        return labels;
    }

    private static MultiLayerNetwork network(BatchNorm batchNorm) {
        MultiLayerNetwork network = new MultiLayerNetwork(Dl4jNetworkBuilder.configuration(ARCH, 3, CONFIG, null,
                Convolution.PER_IMAGE, batchNorm));
        network.init();
        return network;
    }
}
