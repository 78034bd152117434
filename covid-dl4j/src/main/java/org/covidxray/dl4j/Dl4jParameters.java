package org.covidxray.dl4j;

import java.util.List;
import org.covidxray.model.Architecture;
import org.covidxray.model.NetworkParameters;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network's parameters in the PyTorch naming and layout of {@link NetworkParameters}. What differs
 * from PyTorch:
 * <ul>
 * <li>dense weights are [in, out] (DL4J computes {@code x W}): transposed to [out, in];</li>
 * <li>batch norm keeps {@code log10stdev} instead of the running variance (DL4J's {@code useLogStd}, on by
 *     default): the variance is {@code (10^log10stdev)^2}, exactly what DL4J's inference uses before adding eps;</li>
 * <li>{@link Dl4jNativeConvolution} stores its kernel as [kH, kW, in, out]: permuted to [out, in, kH, kW].
 *     {@code ConvolutionLayer} and {@link Dl4jPerImageConvolution} already use [out, in, kH, kW].</li>
 * </ul>
 * The max-pool before the block's last ReLU has no parameters and computes the same function (see
 * {@link Dl4jNetworkBuilder}).
 */
final class Dl4jParameters {
    private static final String WEIGHT = DefaultParamInitializer.WEIGHT_KEY;

    private Dl4jParameters() {
    }

    static NetworkParameters of(MultiLayerNetwork network, Architecture architecture, List<String> classNames) {
        NetworkParameters.Builder builder = NetworkParameters.builder(architecture, classNames);
        for (Layer layer : network.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (conf instanceof Dl4jNativeConvolution) {
                builder.conv(rowMajor(layer.getParam(WEIGHT).permute(3, 2, 0, 1)));
            } else if (conf instanceof ConvolutionLayer) {
                builder.conv(rowMajor(layer.getParam(WEIGHT)));
            } else if (conf instanceof BatchNormalization bn) {
                builder.batchNorm(rowMajor(layer.getParam(BatchNormalizationParamInitializer.GAMMA)),
                        rowMajor(layer.getParam(BatchNormalizationParamInitializer.BETA)),
                        rowMajor(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)),
                        runningVariance(layer, bn));
            } else if (conf instanceof OutputLayer) {
                builder.dense(rowMajor(layer.getParam(WEIGHT).transpose()),
                        rowMajor(layer.getParam(DefaultParamInitializer.BIAS_KEY)));
            }
        }
        return builder.build();
    }

    private static float[] runningVariance(Layer layer, BatchNormalization bn) {
        if (bn.getEps() != NetworkParameters.BATCH_NORM_EPSILON || bn.isLockGammaBeta()) {
            throw new IllegalStateException("batch norm layer " + layer.getIndex() + " has eps " + bn.getEps()
                    + (bn.isLockGammaBeta() ? " and fixed gamma/beta" : "") + "; the architectures use eps "
                    + NetworkParameters.BATCH_NORM_EPSILON + " and learned gamma/beta");
        }
        if (!bn.isUseLogStd()) {
            return rowMajor(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        float[] log10Std = rowMajor(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
        float[] variance = new float[log10Std.length];
        for (int i = 0; i < variance.length; i++) {
            double std = Math.pow(10, log10Std[i]);
            variance[i] = (float) (std * std);
        }
        return variance;
    }

    /** The array's values in row-major order of its (logical) shape, whatever its storage order or view. */
    private static float[] rowMajor(INDArray array) {
        return array.dup('c').reshape(array.length()).toFloatVector();
    }
}
