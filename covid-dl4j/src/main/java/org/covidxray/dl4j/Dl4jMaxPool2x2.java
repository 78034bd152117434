package org.covidxray.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pooling layer of every core architecture: 2 x 2 max pooling, stride 2, no padding, an odd last row or
 * column dropped (DL4J's {@link SubsamplingLayer} with these settings and {@code ConvolutionMode.Truncate}),
 * computed by {@link Dl4jMaxPool2x2Layer}, which keeps the forward pass's choice of maximum for the backward
 * pass instead of searching the windows again (docs/benchmarks.md, 2026-12-07).
 */
public class Dl4jMaxPool2x2 extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    /** The layer; also what DL4J's JSON configuration format and {@code clone()} use. */
    public Dl4jMaxPool2x2() {
        super(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParams, boolean initializeParams, DataType networkDataType) {
        return Dl4jLayerWiring.wire(new Dl4jMaxPool2x2Layer(conf, networkDataType), conf, listeners, layerIndex,
                layerParams, initializeParams, initializer());
    }
}
