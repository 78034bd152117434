package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The DL4J network is the core architecture, parameter for parameter and with PyTorch's semantics. */
class Dl4jNetworkBuilderTest {
    private static final TrainingConfig CONFIG = TrainingConfig.builder().optSeed(3).build();

    @BeforeAll
    static void loadNd4j() {
        Dl4jEnvironment.ensureInitialised();
    }

    @Test
    void cnn4At224HasTheArchitecturesTrainableParameterCount() {
        Architecture arch = Architecture.defaultCnn(224);
        MultiLayerNetwork network = Dl4jNetworkBuilder.build(arch, 3, CONFIG, null);
        assertThat(Dl4jNetworkBuilder.trainableParameterCount(network)).isEqualTo(arch.trainableParameterCount(3));
        network.close();
    }

    @Test
    void vgg5HasTheArchitecturesTrainableParameterCount() {
        Architecture arch = Architecture.vggSmall(128);
        MultiLayerNetwork network = Dl4jNetworkBuilder.build(arch, 2, CONFIG, new float[] {1f, 2f});
        assertThat(Dl4jNetworkBuilder.trainableParameterCount(network)).isEqualTo(arch.trainableParameterCount(2));
        network.close();
    }

    @Test
    void layersAreConfiguredAsTheArchitectureSays() {
        Architecture arch = new Architecture("t", 32, 1, List.of(4, 8), true, 0.25);
        MultiLayerNetwork network = Dl4jNetworkBuilder.build(arch, 3, CONFIG, null);
        var layers = network.getLayerWiseConfigurations().getConfs();
        ConvolutionLayer conv = (ConvolutionLayer) layers.get(0).getLayer();
        assertThat(conv.hasBias()).isFalse();
        assertThat(conv.getKernelSize()).containsExactly(3, 3);
        assertThat(conv.getPadding()).containsExactly(1, 1);
        BatchNormalization bn = (BatchNormalization) layers.get(1).getLayer();
        assertThat(bn.getEps()).isEqualTo(1e-5);
        assertThat(bn.getDecay()).isEqualTo(0.9);
        OutputLayer out = (OutputLayer) layers.get(layers.size() - 1).getLayer();
        assertThat(out.getIDropout().toString()).contains("0.75");
        assertThat(out.hasBias()).isTrue();
        // two blocks of (conv, bn, relu) x2 + pool, then global pool and output
        assertThat(layers).hasSize(2 * 7 + 2);
        INDArray x = Nd4j.rand(new int[] {2, 1, 32, 32});
        assertThat(network.output(x, false).shape()).containsExactly(2, 3);
        network.close();
    }

    /** The opt-in libnd4j convolution builds the same network: same trainable count, same outputs shape, it trains and saves. */
    @Test
    void nativeConvolutionVariantIsTheSameNetworkAndSurvivesSerialisation() throws Exception {
        Architecture arch = new Architecture("t", 16, 1, List.of(4, 8), true, 0.2);
        MultiLayerNetwork network = new MultiLayerNetwork(Dl4jNetworkBuilder.configuration(arch, 3, CONFIG, null,
                Dl4jNetworkBuilder.Convolution.NATIVE));
        network.init();
        assertThat(network.getLayer(0).conf().getLayer()).isInstanceOf(Dl4jNativeConvolution.class);
        assertThat(Dl4jNetworkBuilder.trainableParameterCount(network)).isEqualTo(arch.trainableParameterCount(3));
        INDArray x = Nd4j.rand(new int[] {4, 1, 16, 16});
        INDArray labels = Nd4j.zeros(4, 3);
        labels.getColumn(1).assign(1);
        network.fit(x, labels);
        INDArray before = network.output(x, false);
        MultiLayerNetwork restored = Dl4jWeights.read(Dl4jWeights.write(network));
        assertThat(restored.output(x, false).equalsWithEps(before, 1e-6)).isTrue();
        network.close();
        restored.close();
    }

    /** PyTorch momentum 0.1: running = 0.9 * running + 0.1 * batch statistic. */
    @Test
    void batchNormRunningMeanMovesTenPercentTowardsTheBatchMean() {
        Architecture arch = new Architecture("t", 16, 1, List.of(4), false, 0);
        MultiLayerNetwork network = Dl4jNetworkBuilder.build(arch, 2, CONFIG.toBuilder().optLearningRate(1e-9).build(),
                null);
        SplittableRandom random = new SplittableRandom(5);
        float[] data = new float[8 * 16 * 16];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (1 + random.nextGaussian());
        }
        INDArray x = Nd4j.create(data, new long[] {8, 1, 16, 16}, 'c');
        INDArray conv = network.feedForwardToLayer(0, x, true).get(1);
        INDArray batchMean = conv.mean(0, 2, 3);
        INDArray labels = Nd4j.zeros(8, 2);
        labels.getColumn(0).assign(1);
        network.fit(x, labels);
        INDArray running = network.getLayer(1).getParam("mean");
        for (int c = 0; c < 4; c++) {
            assertThat(running.getDouble(c)).isCloseTo(0.1 * batchMean.getDouble(c), within(1e-4));
        }
        network.close();
    }

    /** ReLU after the max-pool is the same network as the textbook conv → BN → ReLU → pool order. */
    @Test
    void reluAfterPoolingComputesWhatReluBeforePoolingComputes() {
        Architecture arch = new Architecture("t", 12, 1, List.of(3, 4), true, 0);
        MultiLayerNetwork ours = Dl4jNetworkBuilder.build(arch, 2, CONFIG, null);
        var list = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1)
                .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT).list();
        int in = 1;
        for (int width : arch.widths()) {
            for (int c = 0; c < 2; c++) {
                list.layer(new Dl4jPerImageConvolution(c == 0 ? in : width, width));
                list.layer(new BatchNormalization.Builder().nOut(width).eps(1e-5).decay(0.9).build());
                list.layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build());
            }
            list.layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                    org.deeplearning4j.nn.conf.layers.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
            in = width;
        }
        list.layer(new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build());
        list.layer(new OutputLayer.Builder(new org.nd4j.linalg.lossfunctions.impl.LossMCXENT()).nIn(in).nOut(2)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build());
        list.setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(12, 12, 1));
        MultiLayerNetwork textbook = new MultiLayerNetwork(list.build());
        textbook.init();
        textbook.setParams(ours.params().dup());
        INDArray x = Nd4j.rand(new int[] {3, 1, 12, 12}).subi(0.5);
        INDArray labels = Nd4j.zeros(3, 2);
        labels.getColumn(1).assign(1);
        assertThat(ours.output(x, true).equalsWithEps(textbook.output(x, true), 1e-5)).isTrue();
        ours.setInput(x);
        ours.setLabels(labels);
        ours.computeGradientAndScore();
        textbook.setInput(x);
        textbook.setLabels(labels);
        textbook.computeGradientAndScore();
        assertThat(ours.gradient().gradient().equalsWithEps(textbook.gradient().gradient(), 1e-5)).isTrue();
        ours.close();
        textbook.close();
    }
}
