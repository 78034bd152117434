package org.covidxray.dl4j;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Computes a {@link Dl4jBatchNormalization} on contiguous NCHW float activations in Java, one (image, channel)
 * plane at a time on all cores ({@link Dl4jPlanes}). Training forward: one pass for each plane's sum and sum of
 * squares (in double precision), one for {@code gamma (x - mean) / std + beta}; backward: one pass for the sums of
 * dy and dy x, one for dx. DL4J 1.0.0-M2.1's own layer runs broadcast operations along dimension 1 of the 4-d
 * array and allocates the centred and normalised activations as new arrays: at 128 px, batch 32, its four batch
 * norms took 1.2 of a 1.7 s training step; a version of this class built from ND4J's row reductions and
 * column-vector operations (5 passes forward, 7 backward) still took 0.17 s of a 0.57 s step (docs/benchmarks.md,
 * 2026-12-03 and 2026-12-07).
 *
 * <p>Same maths as DL4J's layer, which a test checks (outputs in both modes, gradients, running statistics
 * after several steps): training normalises with the batch's mean and biased variance plus eps; inference
 * with the running mean and variance; the running statistics move through DL4J's gradient-as-update rule
 * ({@code mean -= (1 - decay) (mean - batchMean)}, the log10 standard deviation likewise on the variance).
 * Other inputs (rank 2, NHWC, other types, views that are not contiguous) go to DL4J's own code, forward and
 * backward.
 */
final class Dl4jBatchNormalizationLayer extends BatchNormalization {
    private static final long serialVersionUID = 1L;
    private static final double ONE_ON_2_LN_10 = 1.0 / (2 * Math.log(10.0));

    /** Of the last training forward pass, per channel; consumed by the backward pass. */
    private double[] batchMean;
    private double[] batchVariance;
    private double[] batchInvStd;

    Dl4jBatchNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        batchMean = null;
        if (!handles(x)) {
            return super.preOutput(x, training, workspaceMgr);
        }
        Channels k = new Channels(x);
        double[] gamma = values(BatchNormalizationParamInitializer.GAMMA);
        double[] beta = values(BatchNormalizationParamInitializer.BETA);
        double eps = layerConf().getEps();
        double[] scale = new double[k.channels];
        double[] mean;
        FloatBuffer in = x.data().asNioFloat();
        if (training == TrainingMode.TRAIN) {
            double[][] sums = k.sums(in, null);
            mean = new double[k.channels];
            double[] variance = new double[k.channels];
            double[] invStd = new double[k.channels];
            for (int c = 0; c < k.channels; c++) {
                mean[c] = sums[0][c] / k.count;
                // the biased variance; in double precision E[x^2] - mean^2 keeps float activations' digits
                variance[c] = Math.max(0, sums[1][c] / k.count - mean[c] * mean[c]);
                invStd[c] = 1.0 / Math.sqrt(variance[c] + eps);
                scale[c] = gamma[c] * invStd[c];
            }
            batchMean = mean;
            batchVariance = variance;
            batchInvStd = invStd;
        } else {
            mean = values(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            double[] variance = runningVariance();
            for (int c = 0; c < k.channels; c++) {
                scale[c] = gamma[c] / Math.sqrt(variance[c] + eps);
            }
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        k.affine(in, mean, scale, null, null, null, beta, out.data().asNioFloat());
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (batchMean == null) { // DL4J's own forward pass ran (another input kind): its own backward pass
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        Channels k = new Channels(input);
        INDArray dy = Dl4jPlanes.readable(epsilon) ? epsilon : workspaceMgr.dup(ArrayType.BP_WORKING_MEM, epsilon, 'c');
        FloatBuffer x = input.data().asNioFloat();
        FloatBuffer gradient = dy.data().asNioFloat();
        double[] gamma = values(BatchNormalizationParamInitializer.GAMMA);
        double[][] sums = k.sums(gradient, x); // per channel: sum(dy), sum(dy * x)
        double[] dGamma = new double[k.channels];
        double[] dBeta = new double[k.channels];
        double[] a = new double[k.channels];
        double[] b = new double[k.channels];
        double[] c0 = new double[k.channels];
        for (int c = 0; c < k.channels; c++) {
            double invStd = batchInvStd[c];
            dBeta[c] = sums[0][c];
            // sum(dy * (x - mean)) = sum(dy * x) - mean * sum(dy); dGamma = invStd * that
            dGamma[c] = invStd * (sums[1][c] - batchMean[c] * dBeta[c]);
            // dx = gamma invStd (dy - dBeta/m - xHat dGamma/m) = a dy + b (x - mean) + c0
            a[c] = gamma[c] * invStd;
            b[c] = -gamma[c] * invStd * invStd * dGamma[c] / k.count;
            c0[c] = -a[c] * dBeta[c] / k.count;
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        k.affine(gradient, null, a, x, batchMean, b, c0, dx.data().asNioFloat());

        Gradient result = new DefaultGradient();
        result.setGradientFor(BatchNormalizationParamInitializer.GAMMA, fill(BatchNormalizationParamInitializer.GAMMA,
                dGamma));
        result.setGradientFor(BatchNormalizationParamInitializer.BETA, fill(BatchNormalizationParamInitializer.BETA,
                dBeta));
        runningStatisticsUpdate(result);
        batchMean = null;
        return new Pair<>(result, dx);
    }

    /**
     * DL4J's rule: the "gradient" of the running statistics is the step that moves them, applied by a no-op
     * updater as {@code param -= gradient}: {@code (1 - decay) (mean - batchMean)} for the mean, and for the
     * log10 standard deviation {@code log10(std_t) - log10(std_t+1)} with {@code var_t+1 = decay var_t +
     * (1 - decay) batchVar}.
     */
    private void runningStatisticsUpdate(Gradient gradient) {
        double decay = layerConf().getDecay();
        double[] mean = values(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        double[] meanStep = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            meanStep[c] = (mean[c] - batchMean[c]) * (1 - decay);
        }
        gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN,
                fill(BatchNormalizationParamInitializer.GLOBAL_MEAN, meanStep));
        double[] variance = runningVariance();
        double[] varianceStep = new double[variance.length];
        if (layerConf().isUseLogStd()) {
            for (int c = 0; c < variance.length; c++) {
                double next = variance[c] * decay + batchVariance[c] * (1 - decay);
                varianceStep[c] = Math.log(variance[c] / next) * ONE_ON_2_LN_10;
            }
            gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_LOG_STD,
                    fill(BatchNormalizationParamInitializer.GLOBAL_LOG_STD, varianceStep));
        } else {
            for (int c = 0; c < variance.length; c++) {
                varianceStep[c] = (variance[c] - batchVariance[c]) * (1 - decay);
            }
            gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR,
                    fill(BatchNormalizationParamInitializer.GLOBAL_VAR, varianceStep));
        }
    }

    /** The running variance, from the log10 standard deviation DL4J stores by default or the variance itself. */
    private double[] runningVariance() {
        if (!layerConf().isUseLogStd()) {
            return values(BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
        double[] log10Std = values(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
        double[] variance = new double[log10Std.length];
        for (int c = 0; c < variance.length; c++) {
            double std = Math.pow(10, log10Std[c]);
            variance[c] = std * std;
        }
        return variance;
    }

    private boolean handles(INDArray x) {
        return Dl4jPlanes.readable(x) && layerConf().getCnn2DFormat() == CNN2DFormat.NCHW
                && !layerConf().isLockGammaBeta() && x.size(1) == layerConf().getNOut();
    }

    private double[] values(String key) {
        return getParam(key).dup().data().asDouble();
    }

    /** Writes {@code values} into the gradient view of parameter {@code key} and returns the view. */
    private INDArray fill(String key, double[] values) {
        INDArray view = gradientViews.get(key);
        view.assign(Nd4j.create(values, view.shape(), view.dataType()));
        return view;
    }

    /** The passes over the planes of NCHW activations [n, c, h, w], per channel, on all cores. */
    private static final class Channels {
        final int images;
        final int channels;
        final int pixels;
        /** Values per channel in a batch: images times pixels. */
        final double count;

        Channels(INDArray x) {
            images = (int) x.size(0);
            channels = (int) x.size(1);
            pixels = (int) (x.size(2) * x.size(3));
            count = (double) images * pixels;
        }

        /**
         * Per channel, in double precision: {sum(u), sum(u * u)} without {@code v}, {sum(u), sum(u * v)} with it.
         * Each plane's sums are kept apart and added per channel afterwards, so the result does not depend on how
         * the planes were split across threads.
         */
        double[][] sums(FloatBuffer u, FloatBuffer v) {
            int planes = images * channels;
            double[] first = new double[planes];
            double[] second = new double[planes];
            Dl4jPlanes.forEach(planes, (from, to) -> {
                float[] us = new float[pixels];
                float[] vs = v == null ? us : new float[pixels];
                for (int p = from; p < to; p++) {
                    u.get(p * pixels, us);
                    if (v != null) {
                        v.get(p * pixels, vs);
                    }
                    // four accumulators each: a single running sum would wait on every addition
                    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
                    int i = 0;
                    for (; i + 3 < pixels; i += 4) {
                        s0 += us[i];
                        s1 += us[i + 1];
                        s2 += us[i + 2];
                        s3 += us[i + 3];
                        q0 += (double) us[i] * vs[i];
                        q1 += (double) us[i + 1] * vs[i + 1];
                        q2 += (double) us[i + 2] * vs[i + 2];
                        q3 += (double) us[i + 3] * vs[i + 3];
                    }
                    for (; i < pixels; i++) {
                        s0 += us[i];
                        q0 += (double) us[i] * vs[i];
                    }
                    first[p] = (s0 + s1) + (s2 + s3);
                    second[p] = (q0 + q1) + (q2 + q3);
                }
            });
            double[][] out = new double[2][channels];
            for (int p = 0; p < planes; p++) {
                out[0][p % channels] += first[p];
                out[1][p % channels] += second[p];
            }
            return out;
        }

        /**
         * out = a (u - mu) + b (v - mv) + c per channel, in float; the centring comes first so that a large mean
         * does not cancel digits. {@code mu} may be null (no centring); {@code v}, {@code mv} and {@code b} may be
         * null together (out = a (u - mu) + c).
         */
        void affine(FloatBuffer u, double[] mu, double[] a, FloatBuffer v, double[] mv, double[] b, double[] c,
                    FloatBuffer out) {
            Dl4jPlanes.forEach(images * channels, (from, to) -> {
                float[] us = new float[pixels];
                float[] vs = v == null ? null : new float[pixels];
                for (int p = from; p < to; p++) {
                    int channel = p % channels;
                    float uc = mu == null ? 0f : (float) mu[channel];
                    float ac = (float) a[channel];
                    float cc = (float) c[channel];
                    u.get(p * pixels, us);
                    if (v == null) {
                        for (int i = 0; i < pixels; i++) {
                            us[i] = (us[i] - uc) * ac + cc;
                        }
                    } else {
                        float vc = (float) mv[channel];
                        float bc = (float) b[channel];
                        v.get(p * pixels, vs);
                        for (int i = 0; i < pixels; i++) {
                            us[i] = (us[i] - uc) * ac + (vs[i] - vc) * bc + cc;
                        }
                    }
                    out.put(p * pixels, us);
                }
            });
        }
    }
}
