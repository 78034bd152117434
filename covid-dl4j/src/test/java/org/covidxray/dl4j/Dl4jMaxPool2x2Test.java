package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.covidxray.dl4j.Dl4jLayerComparison.assertClose;
import static org.covidxray.dl4j.Dl4jLayerComparison.computeGradients;

import java.util.List;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** The 2 x 2 max pooling computes what DL4J's own SubsamplingLayer computes: outputs and gradients. */
class Dl4jMaxPool2x2Test {
    @BeforeAll
    static void loadNd4j() {
        Dl4jEnvironment.ensureInitialised();
    }

    @Test
    void isWhatTheNetworksPoolWith() {
        Architecture arch = new Architecture("t", 12, 1, List.of(3, 4), false, 1e-7);
        MultiLayerNetwork network = Dl4jNetworkBuilder.build(arch, 2, TrainingConfig.builder().build(), null);
        assertThat(network.getLayer(2)).isInstanceOf(Dl4jMaxPool2x2Layer.class);
        network.close();
    }

    /** Even and odd sizes (an odd last row and column are dropped), several images and channels. */
    @Test
    void outputsAndInputGradientsEqualDl4jsLayer() {
        for (int[] size : new int[][] {{8, 8}, {13, 13}, {7, 10}, {2, 3}}) {
            Layer ours = alone(new Dl4jMaxPool2x2(), size, 5);
            Layer theirs = alone(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                    size, 5);
            Nd4j.getRandom().setSeed(size[0] * 31L + size[1]);
            INDArray x = Nd4j.randn(DataType.FLOAT, 3, 5, size[0], size[1]);
            INDArray ourOutput = forward(ours, x, true);
            assertThat(ourOutput.shape()).containsExactly(3, 5, size[0] / 2, size[1] / 2);
            assertClose(ourOutput, forward(theirs, x, true), 1e-7);
            assertClose(forward(ours, x, false), forward(theirs, x, false), 1e-7);

            INDArray epsilon = Nd4j.randn(DataType.FLOAT, 3, 5, size[0] / 2, size[1] / 2);
            forward(ours, x, true);
            forward(theirs, x, true);
            INDArray ourGradient = ours.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond();
            INDArray theirGradient = theirs.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond();
            assertThat(ourGradient.sumNumber().doubleValue()).as("size %sx%s", size[0], size[1])
                    .isCloseTo(epsilon.sumNumber().doubleValue(), org.assertj.core.api.Assertions.within(1e-3));
            assertClose(ourGradient, theirGradient, 1e-7);
        }
    }

    /** A backward pass on another input than the last training pass's searches the windows of that input. */
    @Test
    void backpropagationOnAnotherInputSearchesAgain() {
        Layer ours = alone(new Dl4jMaxPool2x2(), new int[] {6, 6}, 3);
        Layer theirs = alone(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                new int[] {6, 6}, 3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 6, 6);
        INDArray other = Nd4j.randn(DataType.FLOAT, 2, 3, 6, 6);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 2, 3, 3, 3);
        forward(ours, other, true); // positions of another input: must not be used for x
        ours.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        forward(theirs, x, false);
        assertClose(ours.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond(),
                theirs.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond(), 1e-7);
    }

    /** Ties go to the first maximum in row order, as in DL4J's layer. */
    @Test
    void tiesGoToTheFirstMaximum() {
        Layer ours = alone(new Dl4jMaxPool2x2(), new int[] {2, 8}, 1);
        Layer theirs = alone(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                new int[] {2, 8}, 1);
        // windows (rows of 2 x 2): all equal; top right = bottom left; bottom pair equal; top pair equal
        INDArray x = Nd4j.create(new float[] {1, 1, 0, 2, 0, 0, 3, 3, 1, 1, 2, 0, 1, 1, 0, 0}, new long[] {1, 1, 2, 8},
                'c');
        INDArray epsilon = Nd4j.create(new float[] {5, 7, 9, 11}, new long[] {1, 1, 1, 4}, 'c');
        forward(ours, x, true);
        forward(theirs, x, true);
        assertClose(ours.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond(),
                theirs.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond(), 1e-7);
    }

    /** In a network with workspaces: a training step's gradients equal those with DL4J's layer. */
    @Test
    void networkGradientsEqualDl4jsLayer() {
        MultiLayerNetwork ours = network(new Dl4jMaxPool2x2());
        MultiLayerNetwork theirs = network(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .build());
        theirs.setParams(ours.params().dup());
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 2, 11, 11);
        INDArray labels = Nd4j.zeros(4, 3);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        computeGradients(ours, x, labels);
        computeGradients(theirs, x, labels);
        assertThat(ours.gradient().gradient().norm2Number().doubleValue()).isGreaterThan(0);
        assertClose(ours.gradient().gradient(), theirs.gradient().gradient(), 1e-5);
        ours.close();
        theirs.close();
    }

    private static INDArray forward(Layer layer, INDArray x, boolean training) {
        if (layer instanceof Dl4jMaxPool2x2Layer own) {
            assertThat(own.handles(x)).as("computes %s itself", java.util.Arrays.toString(x.shape())).isTrue();
        }
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        return layer.activate(training, LayerWorkspaceMgr.noWorkspaces());
    }

    /** The pooling layer of a one-layer network on [n, c, h, w] inputs. */
    private static Layer alone(org.deeplearning4j.nn.conf.layers.Layer pooling, int[] size, int channels) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Truncate).list()
                .layer(pooling)
                .setInputType(InputType.convolutional(size[0], size[1], channels)).build());
        network.init();
        return network.getLayer(0);
    }

    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer pooling) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Truncate).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nIn(2).nOut(4)
                        .activation(Activation.IDENTITY).build())
                .layer(pooling)
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(new LossMCXENT()).nIn(4).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(11, 11, 2)).build());
        network.init();
        return network;
    }
}
