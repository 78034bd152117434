package org.covidxray.dl4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.gradient.Gradient;

/**
 * Computes a {@link Dl4jMaxPool2x2} on contiguous NCHW float activations, one (image, channel) plane at a time
 * on all cores: each plane is copied into a Java array, its 2 x 2 windows are reduced, and in training the
 * position of each window's maximum (the first one, in row order, when values tie) is kept as one byte, so that
 * backpropagation writes each output gradient to its position without searching the windows again.
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code maxpool2d_bp} searches every window again and took 47 ms per batch of 32 for
 * the first block's pooling at 128 px, against 14 ms for the forward pass; the four poolings were a fifth of a
 * training step (docs/benchmarks.md, 2026-12-07). Same values and gradients as DL4J's layer (a test compares
 * them), except with NaN inputs: DL4J's layer skips a NaN, this one may pass it on (as PyTorch does); either
 * way training has diverged, which the training loop reports. Other inputs (NHWC, other types, views) go to
 * DL4J's own code, forward and backward. The positions keep a reference to their input only to recognise it.
 */
final class Dl4jMaxPool2x2Layer extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    /** Of the last training forward pass: the window position (0-3) of each output's maximum, and its input. */
    private byte[] positions;
    private INDArray positionsInput;

    Dl4jMaxPool2x2Layer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        positions = null;
        positionsInput = null;
        if (!handles(input)) {
            return super.activate(training, workspaceMgr);
        }
        Planes p = new Planes(input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {p.batch, p.channels, p.outHeight, p.outWidth}, 'c');
        byte[] chosen = training ? new byte[p.planes * p.outPixels] : null;
        p.forward(input.data().asNioFloat(), out.data().asNioFloat(), chosen);
        if (training) {
            positions = chosen;
            positionsInput = input;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!handles(input)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        Planes p = new Planes(input);
        INDArray delta = Dl4jPlanes.readable(epsilon) ? epsilon
                : workspaceMgr.dup(ArrayType.BP_WORKING_MEM, epsilon, 'c');
        if (delta.size(0) != p.batch || delta.size(1) != p.channels || delta.size(2) != p.outHeight
                || delta.size(3) != p.outWidth) {
            throw new IllegalArgumentException("Pooling gradient must be [" + p.batch + ", " + p.channels + ", "
                    + p.outHeight + ", " + p.outWidth + "]; got " + Arrays.toString(epsilon.shape()));
        }
        byte[] chosen = positions;
        if (chosen == null || positionsInput != input || chosen.length != p.planes * p.outPixels) {
            chosen = new byte[p.planes * p.outPixels]; // no training forward pass on this input: search again
            p.forward(input.data().asNioFloat(), null, chosen);
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        p.backward(delta.data().asNioFloat(), chosen, dx.data().asNioFloat());
        positions = null;
        positionsInput = null;
        return new Pair<>(new DefaultGradient(), dx);
    }

    /** Whether this class computes the pooling of {@code x} itself (else DL4J's code does). */
    boolean handles(INDArray x) {
        int[] kernel = layerConf().getKernelSize();
        int[] stride = layerConf().getStride();
        int[] padding = layerConf().getPadding();
        int[] dilation = layerConf().getDilation();
        return Dl4jPlanes.readable(x) && x.size(2) >= 2 && x.size(3) >= 2
                && layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW
                && layerConf().getConvolutionMode() != ConvolutionMode.Same
                && kernel[0] == 2 && kernel[1] == 2 && stride[0] == 2 && stride[1] == 2
                && padding[0] == 0 && padding[1] == 0 && dilation[0] == 1 && dilation[1] == 1;
    }

    /** The sizes of one call, and the passes over its planes. */
    private static final class Planes {
        final long batch;
        final long channels;
        final int height;
        final int width;
        final int outHeight;
        final int outWidth;
        final int planes;
        final int outPixels;

        Planes(INDArray x) {
            batch = x.size(0);
            channels = x.size(1);
            height = (int) x.size(2);
            width = (int) x.size(3);
            outHeight = height / 2;
            outWidth = width / 2;
            planes = (int) (batch * channels);
            outPixels = outHeight * outWidth;
        }

        /** Maxima into {@code out} (if not null) and their window positions into {@code chosen} (if not null). */
        void forward(FloatBuffer in, FloatBuffer out, byte[] chosen) {
            Dl4jPlanes.forEach(planes, (from, to) -> {
                float[] plane = new float[height * width];
                float[] pooled = new float[outPixels];
                for (int p = from; p < to; p++) {
                    in.get(p * height * width, plane);
                    int o = 0;
                    for (int y = 0; y < outHeight; y++) {
                        int top = 2 * y * width;
                        int bottom = top + width;
                        for (int x = 0; x < outWidth; x++, o++) {
                            int c = 2 * x;
                            // pairs first, then the pairs' winners; integer selects and loads instead of
                            // branches on the values, whose random signs defeat branch prediction
                            int right = plane[top + c + 1] > plane[top + c] ? 1 : 0;
                            int lowerRight = plane[bottom + c + 1] > plane[bottom + c] ? 1 : 0;
                            int below = plane[bottom + c + lowerRight] > plane[top + c + right] ? 1 : 0;
                            int at = right + below * (2 + lowerRight - right);
                            float max = plane[top + c + (at & 1) + (at >> 1) * width];
                            pooled[o] = max;
                            if (chosen != null) {
                                chosen[p * outPixels + o] = (byte) at;
                            }
                        }
                    }
                    if (out != null) {
                        out.put(p * outPixels, pooled);
                    }
                }
            });
        }

        /** Each output gradient to its maximum's position in {@code dx}; zeros elsewhere. */
        void backward(FloatBuffer delta, byte[] chosen, FloatBuffer dx) {
            Dl4jPlanes.forEach(planes, (from, to) -> {
                float[] plane = new float[height * width];
                float[] gradient = new float[outPixels];
                for (int p = from; p < to; p++) {
                    delta.get(p * outPixels, gradient);
                    Arrays.fill(plane, 0f);
                    int o = 0;
                    for (int y = 0; y < outHeight; y++) {
                        int top = 2 * y * width;
                        for (int x = 0; x < outWidth; x++, o++) {
                            int at = chosen[p * outPixels + o];
                            plane[top + 2 * x + (at & 1) + (at >> 1) * width] = gradient[o];
                        }
                    }
                    dx.put(p * height * width, plane);
                }
            });
        }
    }
}
