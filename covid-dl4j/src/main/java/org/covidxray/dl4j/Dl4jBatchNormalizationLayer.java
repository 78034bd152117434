package org.covidxray.dl4j;

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
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Computes a {@link Dl4jBatchNormalization} on NCHW float activations as a matrix of rows, one row per (image,
 * channel) pair: [n·c, h·w]. Every per-channel step then is a row reduction (sum, norm, dot) or an in-place
 * multiply or add of a column vector, which ND4J runs at memory speed; the per-channel statistics of a batch
 * (n values per channel) are summed in double precision here. Training forward: 5 passes over the activations
 * (row sums, copy, subtract the mean, row norms, scale and shift); backward: 7. DL4J 1.0.0-M2.1's own layer
 * runs broadcast operations along dimension 1 of the 4-d array and allocates the centred and normalised
 * activations as new arrays: at 128 px, batch 32, its four batch norms took 1.2 of a 1.7 s training step
 * (docs/benchmarks.md, 2026-12-03).
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
        Rows r = new Rows(x);
        double[] gamma = values(BatchNormalizationParamInitializer.GAMMA);
        double[] beta = values(BatchNormalizationParamInitializer.BETA);
        double eps = layerConf().getEps();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        INDArray out2 = r.rows(out);
        out2.assign(r.rows(x));
        double[] scale = new double[r.channels];
        double[] shift = new double[r.channels];
        if (training == TrainingMode.TRAIN) {
            double[] mean = r.perChannel(r.rows(x).sum(1), 1.0 / r.perChannelCount());
            out2.subiColumnVector(r.column(mean));
            INDArray norms = out2.norm2(1);
            double[] variance = r.perChannelSquares(norms, 1.0 / r.perChannelCount());
            double[] invStd = new double[r.channels];
            for (int c = 0; c < r.channels; c++) {
                invStd[c] = 1.0 / Math.sqrt(variance[c] + eps);
                scale[c] = gamma[c] * invStd[c];
                shift[c] = beta[c];
            }
            batchMean = mean;
            batchVariance = variance;
            batchInvStd = invStd;
        } else {
            double[] mean = values(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            double[] variance = runningVariance();
            for (int c = 0; c < r.channels; c++) {
                scale[c] = gamma[c] / Math.sqrt(variance[c] + eps);
                shift[c] = beta[c] - mean[c] * scale[c];
            }
        }
        out2.muliColumnVector(r.column(scale));
        out2.addiColumnVector(r.column(shift));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (batchMean == null) { // DL4J's own forward pass ran (another input kind): its own backward pass
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        Rows r = new Rows(input);
        INDArray dy = r.rows(handles(epsilon) ? epsilon : workspaceMgr.dup(ArrayType.BP_WORKING_MEM, epsilon, 'c'));
        double m = r.perChannelCount();
        double[] gamma = values(BatchNormalizationParamInitializer.GAMMA);
        double[] dBeta = r.perChannel(dy.sum(1), 1);
        // t = x - mean; sum(dy * t) per channel gives dGamma = invStd * sum(dy * t)
        INDArray t = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(),
                new long[] {r.rowCount(), r.pixels}, 'c');
        t.assign(r.rows(input));
        t.subiColumnVector(r.column(batchMean));
        double[] dyDotT = r.perChannel(Nd4j.getExecutioner().exec(new Dot(t, dy, 1)), 1);
        double[] dGamma = new double[r.channels];
        double[] a = new double[r.channels];
        double[] b = new double[r.channels];
        double[] c0 = new double[r.channels];
        for (int c = 0; c < r.channels; c++) {
            double invStd = batchInvStd[c];
            dGamma[c] = dyDotT[c] * invStd;
            // dx = gamma invStd (dy - dBeta/m - xHat dGamma/m) = a dy + b t + c0
            a[c] = gamma[c] * invStd;
            b[c] = -gamma[c] * invStd * invStd * dGamma[c] / m;
            c0[c] = -a[c] * dBeta[c] / m;
        }
        t.muliColumnVector(r.column(b));
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        INDArray dx2 = r.rows(dx);
        dx2.assign(dy);
        dx2.muliColumnVector(r.column(a));
        dx2.addi(t);
        dx2.addiColumnVector(r.column(c0));

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, fill(BatchNormalizationParamInitializer.GAMMA,
                dGamma));
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, fill(BatchNormalizationParamInitializer.BETA,
                dBeta));
        runningStatisticsUpdate(gradient);
        batchMean = null;
        return new Pair<>(gradient, dx);
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
        return x != null && x.rank() == 4 && x.dataType() == DataType.FLOAT && x.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(x) && layerConf().getCnn2DFormat() == CNN2DFormat.NCHW
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

    /** The [n·c, h·w] row view of NCHW activations and the per-channel sums of per-row values. */
    private static final class Rows {
        final long images;
        final int channels;
        final long pixels;

        Rows(INDArray x) {
            images = x.size(0);
            channels = (int) x.size(1);
            pixels = x.size(2) * x.size(3);
        }

        long rowCount() {
            return images * channels;
        }

        /** Values per channel in a batch: images times pixels. */
        double perChannelCount() {
            return (double) images * pixels;
        }

        INDArray rows(INDArray x) {
            return x.reshape('c', rowCount(), pixels);
        }

        /** Per channel, {@code factor} times the sum over the images of a per-row value. */
        double[] perChannel(INDArray perRow, double factor) {
            return perChannel(perRow, factor, false);
        }

        /** Per channel, {@code factor} times the sum of the squares of a per-row value (row norms to variances). */
        double[] perChannelSquares(INDArray perRow, double factor) {
            return perChannel(perRow, factor, true);
        }

        private double[] perChannel(INDArray perRow, double factor, boolean squared) {
            double[] row = perRow.data().asDouble();
            double[] out = new double[channels];
            for (int i = 0; i < row.length; i++) {
                out[i % channels] += squared ? row[i] * row[i] : row[i];
            }
            for (int c = 0; c < channels; c++) {
                out[c] *= factor;
            }
            return out;
        }

        /** A per-channel value repeated for every image, as an [n·c, 1] column for the row view. */
        INDArray column(double[] perChannel) {
            float[] column = new float[(int) rowCount()];
            for (int i = 0; i < column.length; i++) {
                column[i] = (float) perChannel[i % channels];
            }
            return Nd4j.create(column, new long[] {column.length, 1}, 'c');
        }
    }
}
