package org.covidxray.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a DL4J layer configuration's {@code instantiate} does with a new layer object, for this module's own
 * layers ({@link Dl4jPerImageConvolution}, {@link Dl4jBatchNormalization}): listeners, index, the view of the
 * network's flat parameter vector and the parameter table its initializer makes of it.
 */
final class Dl4jLayerWiring {
    private Dl4jLayerWiring() {
    }

    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                    int layerIndex, INDArray layerParams, boolean initializeParams,
                                    ParamInitializer initializer) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParams);
        layer.setParamTable(initializer.init(conf, layerParams, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
