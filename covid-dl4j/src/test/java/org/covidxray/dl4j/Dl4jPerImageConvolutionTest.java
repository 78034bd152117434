package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.covidxray.dl4j.Dl4jLayerComparison.assertClose;
import static org.covidxray.dl4j.Dl4jLayerComparison.computeGradients;

import java.util.List;
import org.covidxray.dl4j.Dl4jNetworkBuilder.Convolution;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

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
        outputsAndGradientsEqualDl4jsConvolutionLayer(4);
    }

    /** More images than a group whose Java passes run side by side (twice the cores), and a last group part-full. */
    @Test
    void overSeveralGroupsOfImages() {
        outputsAndGradientsEqualDl4jsConvolutionLayer(4 * Runtime.getRuntime().availableProcessors() + 3);
    }

    private static void outputsAndGradientsEqualDl4jsConvolutionLayer(int images) {
        MultiLayerNetwork ours = network(Convolution.PER_IMAGE);
        MultiLayerNetwork theirs = network(Convolution.DL4J);
        theirs.setParams(ours.params().dup());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(new long[] {images, 2, 13, 13});
        INDArray labels = Nd4j.zeros(images, 3);
        for (int i = 0; i < images; i++) {
            labels.putScalar(i, i % 3, 1);
        }

        assertClose(ours.output(x, false), theirs.output(x, false), 1e-5);
        assertClose(ours.output(x, true), theirs.output(x, true), 1e-5);

        computeGradients(ours, x, labels);
        computeGradients(theirs, x, labels);
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

    /** With a bias (the folded inference copy's convolutions): outputs and gradients, bias gradient included. */
    @Test
    void withABiasEqualsDl4jsConvolutionLayerWithABias() {
        MultiLayerNetwork ours = biased(new Dl4jPerImageConvolution(2, 4, true));
        MultiLayerNetwork theirs = biased(new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nIn(2).nOut(4)
                .hasBias(true).activation(Activation.IDENTITY).build());
        INDArray params = Nd4j.rand(new int[] {1, (int) ours.numParams()}).subi(0.5);
        ours.setParams(params.dup());
        theirs.setParams(params.dup());
        assertThat(ours.getLayer(0).getParam("b").amaxNumber().doubleValue()).isGreaterThan(0.01);
        INDArray x = Nd4j.rand(new int[] {3, 2, 9, 9}).subi(0.5);
        INDArray labels = Nd4j.zeros(3, 3);
        labels.getColumn(1).assign(1);

        assertClose(ours.output(x, false), theirs.output(x, false), 1e-5);
        computeGradients(ours, x, labels);
        computeGradients(theirs, x, labels);
        INDArray ourBiasGradient = ours.gradient().getGradientFor("0_b");
        assertThat(ourBiasGradient.norm2Number().doubleValue()).isGreaterThan(0);
        assertClose(ourBiasGradient, theirs.gradient().getGradientFor("0_b"), 1e-5);
        assertClose(ours.gradient().gradient(), theirs.gradient().gradient(), 1e-4);
        ours.close();
        theirs.close();
    }

    private static MultiLayerNetwork biased(org.deeplearning4j.nn.conf.layers.Layer convolution) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2)
                .dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Truncate).list()
                .layer(convolution)
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(new LossMCXENT()).nIn(4).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 9, 2)).build());
        network.init();
        return network;
    }

    private static MultiLayerNetwork network(Convolution convolution) {
        MultiLayerNetwork network = new MultiLayerNetwork(Dl4jNetworkBuilder.configuration(ARCH, 3, CONFIG, null,
                convolution));
        network.init();
        return network;
    }
}
