package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.covidxray.dl4j.Dl4jNetworkBuilder.Convolution;
import org.covidxray.image.ImageTensor;
import org.covidxray.model.Architecture;
import org.covidxray.model.NetworkParameters;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.ReferenceNetwork;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every convolution implementation's kernel layout, and batch norm's stored log10 standard deviation, come out in
 * PyTorch's layout: the plain-Java forward pass of the exported parameters gives DL4J's probabilities.
 */
class Dl4jParametersTest {
    /** Odd size, two convolutions per block. */
    private static final Architecture ARCH = new Architecture("t", 13, 1, List.of(3, 5), true, 0);
    private static final List<String> CLASSES = List.of("a", "b", "c");

    @BeforeAll
    static void loadNd4j() {
        Dl4jEnvironment.ensureInitialised();
    }

    @Test
    void everyConvolutionImplementationExportsThePyTorchLayout() {
        for (Convolution convolution : Convolution.values()) {
            MultiLayerNetwork network = new MultiLayerNetwork(Dl4jNetworkBuilder.configuration(ARCH, CLASSES.size(),
                    TrainingConfig.builder().optSeed(3).build(), null, convolution));
            network.init();
            Nd4j.getRandom().setSeed(17);
            for (Layer layer : network.getLayers()) {
                if (layer.conf().getLayer() instanceof BatchNormalization) {
                    // running statistics far from the initial 0 and 1, so that a wrong conversion shows
                    layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).assign(Nd4j.randn(DataType.FLOAT,
                            layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).shape()).muli(0.3));
                    INDArray logStd = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
                    logStd.assign(Nd4j.rand(DataType.FLOAT, logStd.shape()).subi(0.5));
                }
            }
            NetworkParameters parameters = Dl4jParameters.of(network, ARCH, CLASSES);
            for (int i = 0; i < 3; i++) {
                INDArray input = Nd4j.randn(DataType.FLOAT, 1, 1, 13, 13);
                double[] expected = network.output(input, false).toDoubleVector();
                double[] actual = ReferenceNetwork.probabilities(parameters,
                        new ImageTensor(input.dup('c').data().asFloat(), 1, 13, 13));
                assertThat(actual).as(convolution + " image " + i).containsExactly(expected, Offset.offset(1e-5));
            }
            network.close();
        }
    }
}
