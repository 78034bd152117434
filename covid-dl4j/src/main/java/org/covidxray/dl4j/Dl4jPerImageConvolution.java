package org.covidxray.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of the 3x3 convolutions of every core architecture (stride 1, zero padding 1, no
 * bias, identity activation, NCHW, He-normal weights [out, in, 3, 3]; with a bias in the inference copy that
 * has batch norm folded in, {@link Dl4jFoldedNetwork}): DL4J's {@link ConvolutionLayer}
 * with the same parameters, initialisation and parameter layout, but computed by
 * {@link Dl4jPerImageConvolutionLayer}, which avoids the permuted im2col buffer of DL4J's own layer
 * (docs/benchmarks.md, "Engines: DL4J tuning").
 */
public class Dl4jPerImageConvolution extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON configuration format and {@code clone()}. */
    public Dl4jPerImageConvolution() {
        super();
    }

    /** A 3x3 convolution from {@code nIn} to {@code nOut} channels, without a bias. */
    public Dl4jPerImageConvolution(long nIn, long nOut) {
        this(nIn, nOut, false);
    }

    /** A 3x3 convolution from {@code nIn} to {@code nOut} channels, with a bias (initialised to 0) or without. */
    public Dl4jPerImageConvolution(long nIn, long nOut, boolean bias) {
        super(new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nIn(nIn).nOut(nOut).hasBias(bias)
                .activation(Activation.IDENTITY).weightInit(WeightInit.RELU));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParams, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Dl4jPerImageConvolution", getLayerName(), layerIndex, getNIn(), getNOut());
        return Dl4jLayerWiring.wire(new Dl4jPerImageConvolutionLayer(conf, networkDataType), conf, listeners, layerIndex, layerParams,
                initializeParams, initializer());
    }
}
