package org.covidxray.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 3x3 convolution (stride 1, zero padding 1, no bias, NCHW) computed by libnd4j's own {@code conv2d} /
 * {@code conv2d_bp} operations through a DL4J {@link SameDiffLayer}.
 *
 * <p>Why it exists: DL4J 1.0.0-M2.1's {@code ConvolutionLayer} (no cuDNN or oneDNN helper on the CPU)
 * runs im2col from Java into a <em>permuted view</em> and then copies it; ND4J's profiler shows
 * {@code im2col} plus {@code old_assign} taking two thirds of a training step at 224 px. This layer
 * hands the whole convolution to libnd4j instead. Measured: slower with the plain natives (libnd4j's
 * generic conv2d_bp dominates, and SameDiffLayer recomputes the forward pass in backprop), and only
 * as fast as {@code ConvolutionLayer} with the {@code -onednn-avx2} natives; so it is off by default
 * ({@link Dl4jNetworkBuilder#CONVOLUTION_PROPERTY}). Same maths and parameter count; the kernel is
 * stored as [kH, kW, in, out] (libnd4j's default) and initialised He normal.
 */
public class Dl4jNativeConvolution extends SameDiffLayer {
    private static final long serialVersionUID = 1L;
    private static final String WEIGHTS = "W";

    private long nIn;
    private long nOut;

    /** For JSON deserialisation. */
    public Dl4jNativeConvolution() {
    }

    public Dl4jNativeConvolution(long nIn, long nOut) {
        this.nIn = nIn;
        this.nOut = nOut;
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long value) {
        nIn = value;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long value) {
        nOut = value;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params,
                                  SDVariable mask) {
        Conv2DConfig config = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).build();
        return sameDiff.cnn().conv2d(input, params.get(WEIGHTS), config);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(WEIGHTS, 3, 3, nIn, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray w = params.get(WEIGHTS);
            // He (Kaiming) normal, fan-in mode: std = sqrt(2 / (kH * kW * in)), as torch.nn.init.kaiming_normal_
            w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(Math.sqrt(2.0 / (9.0 * nIn))));
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) inputType;
        return InputType.convolutional(in.getHeight(), in.getWidth(), nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeConvolutional) inputType).getChannels();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }
}
