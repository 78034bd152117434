package org.covidxray.dl4j;

import java.util.Map;
import java.util.Set;
import org.covidxray.model.Architecture;
import org.covidxray.model.OptimizerType;
import org.covidxray.model.TrainingConfig;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Turns the engine-neutral {@link Architecture} into a DL4J {@link MultiLayerNetwork}, layer for layer:
 * conv 3x3 (stride 1, padding 1, no bias, He normal) → batch norm (eps 1e-5, decay 0.9, which is
 * PyTorch's momentum 0.1) → ReLU [→ the same again] → max-pool 2x2 stride 2 (floor), then global
 * average pooling, dropout and a softmax dense layer (Xavier uniform, with bias). The last ReLU of a
 * block runs after its max-pool instead of before: the same function (ReLU is monotonic, so
 * relu(max(x)) = max(relu(x)), gradients included up to ties), on a tensor 4x smaller, which saves
 * memory and time (docs/benchmarks.md).
 *
 * <p>DL4J differences that do not change the network: dropout is configured on the output layer
 * (DL4J applies a layer's dropout to its input) with the <em>retain</em> probability {@code 1 - p};
 * batch norm keeps its running mean and variance in the parameter vector, so
 * {@link #trainableParameterCount} leaves them out. Weight decay: {@link OptimizerType#ADAM} uses
 * {@code L2Regularization} (λ·w added to the gradient before Adam, as {@code torch.optim.Adam});
 * {@link OptimizerType#ADAMW} uses {@code WeightDecay(λ, applyLR=true)} (w -= lr·λ·w after the Adam
 * step, as {@code torch.optim.AdamW}); both are configured for weights and biases.
 */
final class Dl4jNetworkBuilder {
    /** Batch-norm state that DL4J stores as parameters but does not train. */
    private static final Set<String> NON_TRAINABLE = Set.of("mean", "var", "log10stdev");

    /**
     * System property choosing the convolution layer: {@code per-image} (default,
     * {@link Dl4jPerImageConvolution}), {@code dl4j} (DL4J's own {@code ConvolutionLayer}) or {@code native}
     * ({@link Dl4jNativeConvolution}, libnd4j's conv2d op). The last two were measured slower (docs/benchmarks.md,
     * "Engines: DL4J tuning") and are kept so that the measurements can be repeated.
     */
    static final String CONVOLUTION_PROPERTY = "covid.dl4j.convolution";

    /**
     * System property choosing the batch norm layer: {@code rows} (default, {@link Dl4jBatchNormalization}; the name
     * is that of its first version, which worked on row views) or
     * {@code dl4j} (DL4J's own {@code BatchNormalization}, measured slower: docs/benchmarks.md, 2026-12-03),
     * kept so that the measurement can be repeated.
     */
    static final String BATCH_NORM_PROPERTY = "covid.dl4j.batchnorm";

    /** The implementations of batch norm; both have the same parameters and maths. */
    enum BatchNorm {
        ROWS, DL4J;

        /** The one chosen by {@link #BATCH_NORM_PROPERTY}. */
        static BatchNorm configured() {
            String value = System.getProperty(BATCH_NORM_PROPERTY, "rows");
            return switch (value) {
                case "rows" -> ROWS;
                case "dl4j" -> DL4J;
                default -> throw new IllegalArgumentException("System property " + BATCH_NORM_PROPERTY + "='" + value
                        + "' is not one of rows, dl4j.");
            };
        }

        org.deeplearning4j.nn.conf.layers.Layer layer(int channels) {
            return this == ROWS ? new Dl4jBatchNormalization(channels)
                    : new BatchNormalization.Builder().nOut(channels).eps(1e-5).decay(0.9).build();
        }
    }

    /** The implementations of the 3x3 convolution; all have the same parameters and maths. */
    enum Convolution {
        PER_IMAGE, DL4J, NATIVE;

        /** The one chosen by {@link #CONVOLUTION_PROPERTY}. */
        static Convolution configured() {
            String value = System.getProperty(CONVOLUTION_PROPERTY, "per-image");
            return switch (value) {
                case "per-image" -> PER_IMAGE;
                case "dl4j" -> DL4J;
                case "native" -> NATIVE;
                default -> throw new IllegalArgumentException("System property " + CONVOLUTION_PROPERTY + "='" + value
                        + "' is not one of per-image, dl4j, native.");
            };
        }
    }

    private Dl4jNetworkBuilder() {
    }

    /** The configuration for {@code architecture} with {@code numClasses} outputs. */
    static MultiLayerConfiguration configuration(Architecture architecture, int numClasses, TrainingConfig config,
                                                 float[] classWeights) {
        return configuration(architecture, numClasses, config, classWeights, Convolution.configured(),
                BatchNorm.configured());
    }

    /** As above, choosing the convolution layer explicitly (and batch norm by its property). */
    static MultiLayerConfiguration configuration(Architecture architecture, int numClasses, TrainingConfig config,
                                                 float[] classWeights, Convolution convolution) {
        return configuration(architecture, numClasses, config, classWeights, convolution, BatchNorm.configured());
    }

    /** As above, choosing the convolution and batch norm layers explicitly. */
    static MultiLayerConfiguration configuration(Architecture architecture, int numClasses, TrainingConfig config,
                                                 float[] classWeights, Convolution convolution, BatchNorm batchNorm) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(config.learningRate()))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .convolutionMode(ConvolutionMode.Truncate);
        if (config.weightDecay() > 0) {
            if (config.optimizer() == OptimizerType.ADAMW) {
                base.weightDecay(config.weightDecay(), true).weightDecayBias(config.weightDecay(), true);
            } else {
                base.l2(config.weightDecay()).l2Bias(config.weightDecay());
            }
        }
        LossMCXENT loss = classWeights == null ? new LossMCXENT()
                : new LossMCXENT(Nd4j.create(classWeights, new long[] {1, classWeights.length}, 'c'));
        return layers(base.list(), architecture, numClasses, convolution, batchNorm, loss);
    }

    /**
     * The inference copy of {@link #configuration}'s network with every batch norm folded into the convolution
     * before it ({@link Dl4jFoldedNetwork}): the same layers, but each convolution has a bias and no batch norm
     * follows it. For inference only: its loss has no class weights (inference never uses the loss).
     */
    static MultiLayerConfiguration foldedConfiguration(Architecture architecture, int numClasses) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .convolutionMode(ConvolutionMode.Truncate);
        return layers(base.list(), architecture, numClasses, Convolution.PER_IMAGE, null, new LossMCXENT());
    }

    private static MultiLayerConfiguration layers(NeuralNetConfiguration.ListBuilder list, Architecture architecture,
                                                  int numClasses, Convolution convolution, BatchNorm batchNorm,
                                                  LossMCXENT loss) {
        int in = architecture.channels();
        for (int width : architecture.widths()) {
            addConvolution(list, in, width, convolution, batchNorm);
            if (architecture.doubleConv()) {
                list.layer(relu());
                addConvolution(list, width, width, convolution, batchNorm);
            }
            // max-pool before the block's last ReLU: relu(maxpool(x)) = maxpool(relu(x)) because ReLU is
            // monotonic, and the ReLU's output (kept for backprop) is then 4x smaller
            list.layer(new Dl4jMaxPool2x2());
            list.layer(relu());
            in = width;
        }
        list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        OutputLayer.Builder output = new OutputLayer.Builder(loss).nIn(in).nOut(numClasses)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER_UNIFORM).hasBias(true);
        if (architecture.dropout() > 0) {
            output.dropOut(1.0 - architecture.dropout());
        }
        list.layer(output.build());
        list.setInputType(InputType.convolutional(architecture.inputSize(), architecture.inputSize(),
                architecture.channels()));
        return list.build();
    }

    /**
     * A convolution followed by its batch norm, or (no {@code batchNorm}: folded) a convolution with a bias that
     * stands for both.
     */
    private static void addConvolution(NeuralNetConfiguration.ListBuilder list, int in, int out,
                                       Convolution convolution, BatchNorm batchNorm) {
        if (batchNorm == null) {
            list.layer(new Dl4jPerImageConvolution(in, out, true));
            return;
        }
        list.layer(switch (convolution) {
            case PER_IMAGE -> new Dl4jPerImageConvolution(in, out);
            case NATIVE -> new Dl4jNativeConvolution(in, out);
            case DL4J -> new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nIn(in).nOut(out).hasBias(false)
                    .activation(Activation.IDENTITY).weightInit(WeightInit.RELU).build();
        });
        list.layer(batchNorm.layer(out));
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    /** A freshly initialised network. */
    static MultiLayerNetwork build(Architecture architecture, int numClasses, TrainingConfig config,
                                   float[] classWeights) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(architecture, numClasses, config,
                classWeights));
        network.init();
        return network;
    }

    /** Parameters the optimiser updates (batch-norm running statistics excluded). */
    static long trainableParameterCount(MultiLayerNetwork network) {
        long count = 0;
        for (Map.Entry<String, INDArray> e : network.paramTable().entrySet()) {
            String key = e.getKey().substring(e.getKey().indexOf('_') + 1);
            if (!NON_TRAINABLE.contains(key)) {
                count += e.getValue().length();
            }
        }
        return count;
    }

    /** Index of the global average pooling layer, whose output the final dense layer reads. */
    static int globalPoolingIndex(MultiLayerNetwork network) {
        for (int i = network.getnLayers() - 1; i >= 0; i--) {
            if (network.getLayer(i).conf().getLayer() instanceof GlobalPoolingLayer) {
                return i;
            }
        }
        throw new IllegalStateException("the network has no global pooling layer; it was not built by "
                + Dl4jNetworkBuilder.class.getSimpleName());
    }

    /** Outputs of the final dense layer. */
    static long outputCount(MultiLayerNetwork network) {
        return ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) network.getOutputLayer().conf().getLayer())
                .getNOut();
    }
}
