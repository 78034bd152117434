package org.covidxray.dl4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.IntConsumer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Computes a {@link Dl4jPerImageConvolution} one image at a time: im2col of one image into a
 * contiguous [in, kH, kW, outH, outW] buffer, then one GEMM, weights [out, in·kH·kW] times columns
 * [in·kH·kW, outH·outW], written straight into that image's [out, outH·outW] slice of the output.
 *
 * <p>Why: DL4J 1.0.0-M2.1's own {@code ConvolutionLayer} writes the im2col of the whole batch into a
 * <em>permuted view</em> of an [n, outH, outW, in, kH, kW] buffer and then copies it; ND4J's profiler
 * showed im2col at 44% and the copies at 22% of a 224 px training step, against 16% for the GEMM. The
 * whole-batch buffer is also the largest allocation of a step (231 MB for the 16→32 channel layer at
 * 112 px, batch 32). Here im2col writes contiguously (libnd4j's fast path), nothing is transposed or
 * copied, and the buffer holds one image. Backpropagation recomputes each image's columns (cheaper
 * than keeping the batch's) and accumulates the weight gradient over the images with GEMM's beta. The Java
 * passes (im2col, col2im) of a group of images (twice the cores) run side by side, each image with a buffer of
 * its own; the GEMMs, which OpenBLAS spreads over the cores itself, run one after the other.
 *
 * <p>Same parameters, same maths as DL4J's layer (a test compares outputs and gradients with it).
 * Supports what the configuration allows: stride 1, dilation 1, identity activation, with or without a bias
 * (the training networks have none; the inference copy with batch norm folded in has one).
 */
final class Dl4jPerImageConvolutionLayer extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    Dl4jPerImageConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        return forward(training, workspaceMgr);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        return new Pair<>(forward(training, workspaceMgr), null);
    }

    private INDArray forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        Geometry g = new Geometry(input, weights, layerConf().getPadding());
        INDArray x = contiguous(input, ArrayType.FF_WORKING_MEM, workspaceMgr);
        INDArray weights2d = weights.reshape('c', g.outChannels, g.columnRows());
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {g.batch, g.outChannels, g.outPixels()}, 'c');
        INDArray[] columns = g.buffers(ArrayType.FF_WORKING_MEM, input.dataType(), workspaceMgr);
        boolean rows = g.rowPath(x, columns);
        INDArray bias = layerConf().hasBias()
                ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr).reshape(g.outChannels, 1)
                : null;
        g.byGroup(x, columns, rows, (first, count) -> {
            for (int j = 0; j < count; j++) {
                INDArray slice = out.slice(first + j);
                Nd4j.gemm(weights2d, g.matrix(columns[j]), slice, false, false, 1.0, 0.0);
                if (bias != null) {
                    slice.addiColumnVector(bias);
                }
            }
        });
        return out.reshape('c', g.batch, g.outChannels, g.outHeight, g.outWidth);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        Geometry g = new Geometry(input, weights, layerConf().getPadding());
        INDArray x = contiguous(input, ArrayType.BP_WORKING_MEM, workspaceMgr);
        INDArray delta = contiguous(epsilon, ArrayType.BP_WORKING_MEM, workspaceMgr)
                .reshape('c', g.batch, g.outChannels, g.outPixels());
        INDArray weights2d = weights.reshape('c', g.outChannels, g.columnRows());
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray weightGrad2d = Shape.newShapeNoCopy(weightGrad, new long[] {g.outChannels, g.columnRows()}, false);
        if (weightGrad2d == null) {
            throw new IllegalStateException("DL4J's weight gradient view of layer " + layerId() + " is not contiguous");
        }
        // the network's first layer: nothing below it takes the gradient of its input (DL4J's MultiLayerNetwork
        // accepts none, as from its embedding layer), and computing it is half of this layer's backward pass
        boolean inputGradient = getIndex() > 0;
        INDArray epsilonOut = inputGradient ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD,
                input.dataType(), input.shape(), 'c') : null;
        INDArray[] columns = g.buffers(ArrayType.BP_WORKING_MEM, input.dataType(), workspaceMgr);
        INDArray[] columnGrads = g.buffers(ArrayType.BP_WORKING_MEM, input.dataType(), workspaceMgr);
        boolean rows = g.rowPath(x, columns) && (!inputGradient || g.rowPath(epsilonOut, columnGrads));
        g.byGroup(x, columns, rows, (first, count) -> {
            for (int j = 0; j < count; j++) {
                INDArray deltaI = delta.slice(first + j);
                Nd4j.gemm(deltaI, g.matrix(columns[j]), weightGrad2d, false, true, 1.0, first + j == 0 ? 0.0 : 1.0);
                if (inputGradient) {
                    Nd4j.gemm(weights2d, deltaI, g.matrix(columnGrads[j]), true, false, 1.0, 0.0);
                }
            }
            if (inputGradient) {
                g.eachImage(count, rows, j -> g.col2im(columnGrads[j], epsilonOut, first + j, j, rows));
            }
        });
        Gradient gradient = new DefaultGradient();
        if (layerConf().hasBias()) { // the sum of the output gradient over the images and pixels, per channel
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            biasGrad.assign(delta.sum(0, 2).reshape(biasGrad.shape()));
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsilonOut);
    }

    /** Image {@code i} of [n, c, h, w] as a [1, c, h, w] view. */
    private static INDArray image(INDArray batch, long i) {
        return batch.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    private static INDArray contiguous(INDArray array, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        return array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array) ? array
                : workspaceMgr.dup(type, array, 'c');
    }

    /** The part of a pass that follows a group's im2col: its first image and its size. */
    @FunctionalInterface
    private interface Group {
        void run(long first, int count);
    }

    /** Sizes of one convolution call (stride 1, dilation 1, explicit padding). */
    private static final class Geometry {
        final long batch;
        final long inChannels;
        final long inHeight;
        final long inWidth;
        final long outChannels;
        final int kernelHeight;
        final int kernelWidth;
        final int padTop;
        final int padLeft;
        final long outHeight;
        final long outWidth;
        /** Images whose Java passes run side by side; one column buffer each. */
        final int group;
        /** A row of zeros for the padding rows of im2col, read by every thread. */
        private final float[] zeros;
        /** col2im's work arrays per slot of the group, made on first use and kept for the call's other images. */
        private final float[][] cols;
        private final float[][] imageSums;

        Geometry(INDArray input, INDArray weights, int[] padding) {
            if (input.rank() != 4 || input.size(1) != weights.size(1)) {
                throw new IllegalArgumentException("Convolution input must be [batch, " + weights.size(1)
                        + ", height, width]; got " + Arrays.toString(input.shape()));
            }
            batch = input.size(0);
            inChannels = input.size(1);
            inHeight = input.size(2);
            inWidth = input.size(3);
            outChannels = weights.size(0);
            kernelHeight = (int) weights.size(2);
            kernelWidth = (int) weights.size(3);
            padTop = padding[0];
            padLeft = padding[1];
            outHeight = inHeight + 2L * padTop - kernelHeight + 1;
            outWidth = inWidth + 2L * padLeft - kernelWidth + 1;
            group = (int) Math.min(batch, 2L * Runtime.getRuntime().availableProcessors());
            zeros = new float[(int) inWidth];
            cols = new float[group][];
            imageSums = new float[group][];
        }

        /** One uninitialised column buffer per slot of the group, of {@code type}. */
        INDArray[] buffers(ArrayType type, DataType dataType, LayerWorkspaceMgr workspaceMgr) {
            INDArray[] out = new INDArray[group];
            for (int j = 0; j < group; j++) {
                out[j] = workspaceMgr.createUninitialized(type, dataType, columnShape(), 'c');
            }
            return out;
        }

        /** A column buffer as the [in·kH·kW, outH·outW] matrix of the GEMMs. */
        INDArray matrix(INDArray columns) {
            return columns.reshape('c', columnRows(), outPixels());
        }

        /**
         * The batch in groups of {@code columns.length} images: im2col of each image of a group into its own buffer,
         * then {@code body} with the group's first image and size.
         */
        void byGroup(INDArray x, INDArray[] columns, boolean rows, Group body) {
            for (long first = 0; first < batch; first += columns.length) {
                long start = first;
                int count = (int) Math.min(columns.length, batch - first);
                eachImage(count, rows, j -> im2col(x, start + j, columns[j], rows));
                body.run(first, count);
            }
        }

        /**
         * {@code work} for slots 0..count-1: on all cores when the row path applies ({@code rows}: Java copies between
         * distinct buffers), else one after the other (libnd4j's im2col and col2im are called from this thread only).
         */
        void eachImage(int count, boolean rows, IntConsumer work) {
            if (rows) {
                Dl4jPlanes.forEach(count, (from, to) -> {
                    for (int j = from; j < to; j++) {
                        work.accept(j);
                    }
                });
            } else {
                for (int j = 0; j < count; j++) {
                    work.accept(j);
                }
            }
        }

        /** Whether the row path applies to the batch {@code x} and every buffer of {@code buffers}. */
        boolean rowPath(INDArray x, INDArray[] buffers) {
            for (INDArray b : buffers) {
                if (!rowPath(x, b)) {
                    return false;
                }
            }
            return true;
        }

        long columnRows() {
            return inChannels * kernelHeight * kernelWidth;
        }

        long outPixels() {
            return outHeight * outWidth;
        }

        long[] columnShape() {
            return new long[] {1, inChannels, kernelHeight, kernelWidth, outHeight, outWidth};
        }

        /**
         * im2col of image {@code i} of the contiguous batch {@code x} into {@code columns}. For the 3x3, padding 1
         * case of every architecture this copies rows between the two native buffers ({@link #im2colRows}); libnd4j's
         * im2col, used otherwise, measured 10-30x slower on this machine (docs/benchmarks.md, 2026-12-03).
         */
        void im2col(INDArray x, long i, INDArray columns, boolean rows) {
            if (rows) {
                im2colRows(x.data().asNioFloat(), imageOffset(i), columns.data().asNioFloat());
            } else {
                Convolution.im2col(image(x, i), kernelHeight, kernelWidth, 1, 1, padTop, padLeft, 1, 1, false, columns);
            }
        }

        /**
         * Whether the row copies apply: the 3x3, padding-1 kernel, float arrays that start their buffers (so that
         * absolute indices into {@code asNioFloat()} are element indices) and a batch within int indexing.
         */
        private boolean rowPath(INDArray batch, INDArray columns) {
            return kernelHeight == 3 && kernelWidth == 3 && padTop == 1 && padLeft == 1 && batch.offset() == 0
                    && columns.offset() == 0 && batch.dataType() == DataType.FLOAT
                    && columns.dataType() == DataType.FLOAT && batch.length() <= Integer.MAX_VALUE;
        }

        /** Index of image {@code i}'s first value in a contiguous [n, in, h, w] batch. */
        private int imageOffset(long i) {
            return (int) (i * inChannels * inHeight * inWidth);
        }

        /**
         * 3x3, stride 1, padding 1: column row (c, kh, kw, y) is input row y + kh - 1 of channel c shifted by
         * kw - 1, zeros outside the image. Absolute bulk copies between direct buffers (a memory copy per row).
         */
        private void im2colRows(FloatBuffer in, int inOffset, FloatBuffer out) {
            int h = (int) inHeight;
            int w = (int) inWidth;
            int plane = h * w;
            int o = 0;
            for (int c = 0; c < inChannels; c++) {
                for (int kh = 0; kh < 3; kh++) {
                    for (int kw = 0; kw < 3; kw++) {
                        for (int y = 0; y < h; y++, o += w) {
                            int sourceRow = y + kh - 1;
                            if (sourceRow < 0 || sourceRow >= h) {
                                out.put(o, zeros, 0, w);
                                continue;
                            }
                            int source = inOffset + c * plane + sourceRow * w;
                            if (kw == 1) {
                                out.put(o, in, source, w);
                            } else if (kw == 0) { // shifted right: the first column is padding
                                out.put(o, 0f);
                                out.put(o + 1, in, source, w - 1);
                            } else { // shifted left: the last column is padding
                                out.put(o, in, source + 1, w - 1);
                                out.put(o + w - 1, 0f);
                            }
                        }
                    }
                }
            }
        }

        /**
         * col2im of {@code columns} into image {@code i} of the contiguous batch {@code epsilonOut} (overwritten): for
         * the 3x3, padding 1 case the sums run over Java arrays ({@link #col2imRows}); libnd4j's col2im otherwise.
         */
        void col2im(INDArray columns, INDArray epsilonOut, long i, int slot, boolean rows) {
            if (rows) {
                col2imRows(columns.data().asNioFloat(), epsilonOut.data().asNioFloat(), imageOffset(i), slot);
            } else {
                Convolution.col2im(columns, image(epsilonOut, i), 1, 1, padTop, padLeft, (int) inHeight, (int) inWidth,
                        1, 1);
            }
        }

        /** The adjoint of {@link #im2colRows}: each input pixel sums the column entries it was copied to. */
        private void col2imRows(FloatBuffer columns, FloatBuffer out, int outOffset, int slot) {
            int h = (int) inHeight;
            int w = (int) inWidth;
            int plane = h * w;
            if (cols[slot] == null) { // one pair of arrays per slot for all the images of a call
                cols[slot] = new float[(int) (inChannels * 9 * plane)];
                imageSums[slot] = new float[(int) (inChannels * plane)];
            }
            float[] cols = this.cols[slot];
            float[] imageSums = this.imageSums[slot];
            columns.get(0, cols);
            Arrays.fill(imageSums, 0);
            int o = 0;
            for (int c = 0; c < inChannels; c++) {
                int channel = c * plane;
                for (int kh = 0; kh < 3; kh++) {
                    for (int kw = 0; kw < 3; kw++) {
                        int shift = kw - 1;
                        for (int y = 0; y < h; y++, o += w) {
                            int sourceRow = y + kh - 1;
                            if (sourceRow < 0 || sourceRow >= h) {
                                continue;
                            }
                            int target = channel + sourceRow * w;
                            int from = Math.max(0, -shift);
                            int to = Math.min(w, w - shift);
                            for (int x = from; x < to; x++) {
                                imageSums[target + x + shift] += cols[o + x];
                            }
                        }
                    }
                }
            }
            out.put(outOffset, imageSums);
        }
    }
}
