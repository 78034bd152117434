package org.covidxray.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A convolution with the batch norm that follows it folded in, for inference: one convolution with a bias,
 * {@code w' = w * s} and {@code b' = beta - mean * s} per output channel, {@code s = gamma / sqrt(var + eps)}.
 * In inference mode batch norm is an affine map per channel, so the folded convolution computes the same
 * function up to float rounding and saves the pass over the convolution's output that batch norm makes.
 * The fold is computed in double precision and rounded once to float.
 *
 * @param weight the folded kernel, [out, in, kH, kW] row-major as {@link NetworkParameters} stores kernels
 * @param bias the folded bias, one per output channel
 */
public record FoldedConvolution(float[] weight, float[] bias) {

    public FoldedConvolution {
        weight = weight.clone();
        bias = bias.clone();
        if (bias.length == 0 || weight.length % bias.length != 0) {
            throw new IllegalArgumentException("a kernel of " + weight.length + " values does not split into "
                    + bias.length + " output channels");
        }
    }

    @Override
    public float[] weight() {
        return weight.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }

    /** Output channels. */
    public int outChannels() {
        return bias.length;
    }

    /**
     * Folds a batch norm (scale, shift, running mean and running variance, one value per output channel, and
     * its epsilon) into the kernel {@code weight}, [out, ...] row-major.
     */
    public static FoldedConvolution fold(float[] weight, float[] gamma, float[] beta, float[] runningMean,
                                         float[] runningVar, double epsilon) {
        int channels = gamma.length;
        if (beta.length != channels || runningMean.length != channels || runningVar.length != channels) {
            throw new IllegalArgumentException("batch norm statistics have " + channels + ", " + beta.length + ", "
                    + runningMean.length + " and " + runningVar.length + " values; they must agree");
        }
        if (channels == 0 || weight.length % channels != 0) {
            throw new IllegalArgumentException("a kernel of " + weight.length + " values does not split into the "
                    + channels + " channels of its batch norm");
        }
        int perChannel = weight.length / channels;
        float[] folded = new float[weight.length];
        float[] bias = new float[channels];
        for (int c = 0; c < channels; c++) {
            if (!(runningVar[c] + epsilon > 0)) {
                throw new IllegalArgumentException("batch norm channel " + c + " has running variance " + runningVar[c]
                        + " (plus eps " + epsilon + " not positive): the parameters are broken");
            }
            double scale = gamma[c] / Math.sqrt(runningVar[c] + epsilon);
            for (int k = c * perChannel; k < (c + 1) * perChannel; k++) {
                folded[k] = (float) (weight[k] * scale);
            }
            bias[c] = (float) (beta[c] - runningMean[c] * scale);
        }
        return new FoldedConvolution(folded, bias);
    }

    /**
     * Every convolution of {@code parameters} with its batch norm folded in, in layer order (block 0's first
     * convolution first), with {@link NetworkParameters#BATCH_NORM_EPSILON}.
     */
    public static List<FoldedConvolution> of(NetworkParameters parameters) {
        Architecture architecture = parameters.architecture();
        int convs = architecture.doubleConv() ? 2 : 1;
        List<FoldedConvolution> out = new ArrayList<>();
        for (int i = 0; i < architecture.widths().size(); i++) {
            for (int j = 1; j <= convs; j++) {
                String conv = NetworkParameters.convolutionName(i, j);
                String norm = NetworkParameters.batchNormName(i, j);
                out.add(fold(values(parameters, conv + ".weight"), values(parameters, norm + ".weight"),
                        values(parameters, norm + ".bias"), values(parameters, norm + ".running_mean"),
                        values(parameters, norm + ".running_var"), NetworkParameters.BATCH_NORM_EPSILON));
            }
        }
        return out;
    }

    private static float[] values(NetworkParameters parameters, String name) {
        return parameters.get(name).orElseThrow(() -> new IllegalArgumentException("the network's parameters have no "
                + name + "; they are not of architecture '" + parameters.architecture().name() + "'")).values();
    }
}
