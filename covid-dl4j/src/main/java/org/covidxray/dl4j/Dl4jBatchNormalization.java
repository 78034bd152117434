package org.covidxray.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The batch norm of every core architecture (per channel of NCHW activations, eps 1e-5, decay 0.9, running
 * mean and log10 standard deviation): DL4J's {@link BatchNormalization} with the same parameters, updater and
 * running-statistics rule, but computed by {@link Dl4jBatchNormalizationLayer}, which passes over the
 * activations a few times instead of the many broadcast passes of DL4J's own layer (docs/benchmarks.md).
 */
public class Dl4jBatchNormalization extends BatchNormalization {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON configuration format and {@code clone()}; DL4J's defaults (eps 1e-5, decay 0.9). */
    public Dl4jBatchNormalization() {
        super();
    }

    /** A batch norm over {@code channels} channels, eps 1e-5, decay 0.9 (PyTorch's momentum 0.1). */
    public Dl4jBatchNormalization(long channels) {
        super();
        setNOut(channels);
        setEps(1e-5);
        setDecay(0.9);
        setUseLogStd(true);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParams, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet("Dl4jBatchNormalization", getLayerName(), layerIndex, getNOut());
        return Dl4jLayerWiring.wire(new Dl4jBatchNormalizationLayer(conf, networkDataType), conf, listeners, layerIndex, layerParams,
                initializeParams, initializer());
    }
}
