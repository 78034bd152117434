package org.covidxray.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.covidxray.model.FoldedConvolution;
import org.covidxray.model.NamedTensor;
import org.covidxray.model.NetworkParameters;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference copy of a trained network with every batch norm folded into the convolution before it
 * ({@link FoldedConvolution}): {@link Dl4jNetworkBuilder#foldedConfiguration}'s layers, which are the trained
 * network's without the batch norms, and convolutions with a bias. It computes what the trained network
 * computes in inference mode, up to float rounding.
 *
 * <p>Why: in DL4J 1.0.0-M2.1 a batch norm layer in inference mode costs more than the convolution before it
 * (at batch 1, 128 px, the four batch norms of cnn4 took 18.4 of 26.7 ms: docs/benchmarks.md), while the bias
 * add that replaces it is one pass over the convolution's output. DJL's classifier does the same
 * ({@code DjlNetworks.foldBatchNorm}). The copy is made from the engine-neutral {@link NetworkParameters}, so
 * it shares no array with the trained network, and any convolution layer DL4J trained with
 * ({@link Dl4jNetworkBuilder.Convolution}) gives the same copy.
 */
final class Dl4jFoldedNetwork {
    private Dl4jFoldedNetwork() {
    }

    /** A new, initialised network computing what the network of {@code parameters} computes in inference. */
    static MultiLayerNetwork of(NetworkParameters parameters) {
        List<FoldedConvolution> convolutions = FoldedConvolution.of(parameters);
        MultiLayerNetwork network = new MultiLayerNetwork(Dl4jNetworkBuilder.foldedConfiguration(
                parameters.architecture(), parameters.classNames().size()));
        network.init();
        List<Layer> withParameters = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (layer.numParams() > 0) {
                withParameters.add(layer);
            }
        }
        if (withParameters.size() != convolutions.size() + 1) {
            throw new IllegalStateException("the folded network has " + withParameters.size() + " layers with "
                    + "parameters; expected " + convolutions.size() + " convolutions and the output layer");
        }
        for (int i = 0; i < convolutions.size(); i++) {
            FoldedConvolution fold = convolutions.get(i);
            fill(withParameters.get(i), DefaultParamInitializer.WEIGHT_KEY, fold.weight());
            fill(withParameters.get(i), DefaultParamInitializer.BIAS_KEY, fold.bias());
        }
        Layer output = withParameters.get(convolutions.size());
        if (!(output.conf().getLayer() instanceof OutputLayer)) {
            throw new IllegalStateException("the folded network's last layer with parameters is "
                    + output.conf().getLayer().getClass().getSimpleName() + ", not the output layer");
        }
        NamedTensor dense = parameters.get("classifier.weight").orElseThrow();
        int[] shape = dense.shape(); // [classes, in], PyTorch's layout; DL4J computes x W with W [in, classes]
        INDArray weight = Nd4j.create(dense.values(), new long[] {shape[0], shape[1]}, 'c').transpose();
        output.getParam(DefaultParamInitializer.WEIGHT_KEY).assign(weight);
        fill(output, DefaultParamInitializer.BIAS_KEY, parameters.get("classifier.bias").orElseThrow().values());
        return network;
    }

    /** Writes {@code values}, row-major, into the layer's parameter view (which keeps its own shape and order). */
    private static void fill(Layer layer, String key, float[] values) {
        INDArray view = layer.getParam(key);
        if (view.length() != values.length) {
            throw new IllegalStateException("parameter " + key + " of folded layer " + layer.getIndex() + " has "
                    + view.length() + " values; the fold gave " + values.length);
        }
        view.assign(Nd4j.create(values, view.shape(), 'c'));
    }
}
