package org.covidxray.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;
import org.covidxray.model.Architecture;
import org.covidxray.model.FoldedConvolution;
import org.covidxray.model.NetworkParameters;

/**
 * Builds the core {@link Architecture} as a DJL block, layer for layer as its javadoc defines it, with each
 * block's last ReLU after its max-pool (the same function, on a tensor 4x smaller; see {@link Architecture}).
 */
final class DjlNetworks {
    /** DJL's batch-norm momentum is the weight of the running value: 0.9 here is PyTorch's 0.1. */
    private static final float BATCH_NORM_MOMENTUM = 0.9f;
    private static final float BATCH_NORM_EPSILON = 1e-5f;

    private DjlNetworks() {
    }

    /**
     * The network from input [N, channels, size, size] to logits [N, classes] (softmax is applied by
     * the callers). Convolutions: He normal (std sqrt(2 / fan_in), PyTorch's
     * {@code kaiming_normal_}); dense: Xavier uniform (bound sqrt(6 / (fan_in + fan_out))), zero bias;
     * batch norm: scale 1, shift 0.
     */
    static SequentialBlock build(Architecture architecture, int numClasses) {
        SequentialBlock net = new SequentialBlock();
        for (int width : architecture.widths()) {
            net.add(conv(width)).add(batchNorm());
            if (architecture.doubleConv()) {
                net.add(Activation.reluBlock()).add(conv(width)).add(batchNorm());
            }
            // max-pool before the block's last ReLU: relu(maxpool(x)) = maxpool(relu(x)) because ReLU is
            // monotonic, so the ReLU's forward and backward passes run over a tensor 4x smaller
            net.add(new DjlMaxPool2x2()).add(Activation.reluBlock());
        }
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Dropout.builder().optRate((float) architecture.dropout()).build());
        Linear dense = Linear.builder().setUnits(numClasses).optBias(true).build();
        dense.setInitializer(new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3f), Parameter.Type.WEIGHT);
        net.add(dense);
        return net;
    }

    /**
     * The globally average-pooled output of the last block, [N, last width], in inference mode: what the
     * dense layer of a block built by {@link #build} reads (dropout, the only layer in between, is the
     * identity at inference).
     */
    static NDArray features(SequentialBlock net, ParameterStore parameters, NDArray input) {
        return features(net, parameters, input, false);
    }

    /** {@link #features} in training mode ({@code training}: batch statistics) or inference mode. */
    static NDArray features(SequentialBlock net, ParameterStore parameters, NDArray input, boolean training) {
        List<Block> layers = net.getChildren().values();
        NDList x = new NDList(input);
        // everything but dropout and the dense layer, the last two children
        for (Block layer : layers.subList(0, layers.size() - 2)) {
            x = layer.forward(parameters, x, training);
        }
        NDArray pooled = x.singletonOrThrow();
        return pooled.reshape(input.getShape().get(0), -1);
    }

    /**
     * The logits for {@link #features} already computed: the last two children (dropout, off in
     * inference, and the dense layer) applied to them, so that one forward pass gives both.
     */
    static NDArray logitsOfFeatures(SequentialBlock net, ParameterStore parameters, NDArray features) {
        return logitsOfFeatures(net, parameters, features, false);
    }

    /** {@link #logitsOfFeatures} in training mode ({@code training}: dropout on) or inference mode. */
    static NDArray logitsOfFeatures(SequentialBlock net, ParameterStore parameters, NDArray features,
                                    boolean training) {
        List<Block> layers = net.getChildren().values();
        NDList x = new NDList(features);
        for (Block layer : layers.subList(layers.size() - 2, layers.size())) {
            x = layer.forward(parameters, x, training);
        }
        return x.singletonOrThrow();
    }

    /** Length of {@link #features}: the channels of the last block. */
    static int featureLength(Architecture architecture) {
        return architecture.widths().get(architecture.widths().size() - 1);
    }

    /**
     * The parameters of a block built by {@link #build}, named as {@link NetworkParameters} says. DJL's layouts
     * already are PyTorch's (convolution [out, in, kH, kW], dense [out, in], the running variance itself), since
     * DJL calls PyTorch's own operators; only the names change (gamma/beta become weight/bias).
     */
    static NetworkParameters parameters(SequentialBlock net, Architecture architecture, List<String> classNames) {
        NetworkParameters.Builder builder = NetworkParameters.builder(architecture, classNames);
        for (Block layer : net.getChildren().values()) {
            if (layer instanceof Conv2d) {
                builder.conv(values(layer, "weight"));
            } else if (layer instanceof BatchNorm) {
                builder.batchNorm(values(layer, "gamma"), values(layer, "beta"), values(layer, "runningMean"),
                        values(layer, "runningVar"));
            } else if (layer instanceof Linear) {
                builder.dense(values(layer, "weight"), values(layer, "bias"));
            }
        }
        return builder.build();
    }

    /**
     * An inference copy of a block built by {@link #build}, initialised in {@code manager}: every convolution
     * followed by batch norm becomes one convolution with a bias, w' = w * s and b' = beta - mean * s per
     * output channel, s = gamma / sqrt(var + eps). Equal to the trained block in inference mode up to float
     * rounding, with one pass fewer over each convolution's output (batch norm's). The copy shares no array
     * with {@code trained}: training, saving and exporting keep using {@code trained}.
     */
    static SequentialBlock foldBatchNorm(SequentialBlock trained, Architecture architecture, int numClasses,
                                         NDManager manager) {
        SequentialBlock folded = new SequentialBlock();
        List<Block> layers = trained.getChildren().values();
        for (int i = 0; i < layers.size(); i++) {
            Block layer = layers.get(i);
            if (layer instanceof Conv2d conv && i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNorm) {
                int width = (int) conv.getParameters().get("weight").getArray().getShape().get(0);
                folded.add(convolution(width).optBias(true).build());
                i++; // the batch norm is folded into it
            } else if (layer instanceof Conv2d || layer instanceof BatchNorm) {
                throw new IllegalStateException("layer " + i + " (" + layer.getClass().getSimpleName()
                        + ") is not a convolution followed by batch norm: not a network of DjlNetworks.build");
            } else if (layer instanceof Linear) {
                folded.add(Linear.builder().setUnits(numClasses).optBias(true).build());
            } else if (layer instanceof DjlMaxPool2x2) {
                folded.add(new DjlMaxPool2x2());
            } else {
                // parameterless blocks (ReLU, global pooling, dropout) hold no state: shared
                folded.add(layer);
            }
        }
        // the parameters get their arrays before initialize, which then leaves them as they are (writing into
        // initialised arrays would go through a PyTorch call that prints a deprecation warning on stderr)
        List<Block> target = folded.getChildren().values();
        int t = 0;
        for (int i = 0; i < layers.size(); i++, t++) {
            Block layer = layers.get(i);
            if (layer instanceof Conv2d) {
                BatchNorm norm = (BatchNorm) layers.get(++i);
                FoldedConvolution fold = FoldedConvolution.fold(values(layer, "weight"), values(norm, "gamma"),
                        values(norm, "beta"), values(norm, "runningMean"), values(norm, "runningVar"), BATCH_NORM_EPSILON);
                float[] weight = fold.weight();
                float[] bias = fold.bias();
                set(target.get(t), "weight", manager.create(weight, shape(layer, "weight")));
                set(target.get(t), "bias", manager.create(bias, new Shape(bias.length)));
            } else if (layer instanceof Linear) {
                set(target.get(t), "weight", manager.create(values(layer, "weight"), shape(layer, "weight")));
                set(target.get(t), "bias", manager.create(values(layer, "bias"), shape(layer, "bias")));
            }
        }
        folded.initialize(manager, DataType.FLOAT32, inputShape(architecture, 1));
        return folded;
    }

    private static void set(Block layer, String name, NDArray array) {
        layer.getParameters().get(name).setArray(array);
    }

    private static Shape shape(Block layer, String name) {
        return layer.getParameters().get(name).getArray().getShape();
    }

    private static float[] values(Block layer, String name) {
        return layer.getParameters().get(name).getArray().toFloatArray();
    }

    /** Input shape of one image for {@code Block.initialize}. */
    static Shape inputShape(Architecture architecture, int batch) {
        return new Shape(batch, architecture.channels(), architecture.inputSize(), architecture.inputSize());
    }

    /** The dense output layer of a block built by {@link #build}. */
    static Linear dense(SequentialBlock net) {
        Block last = net.getChildren().get(net.getChildren().size() - 1).getValue();
        return (Linear) last;
    }

    /** Trainable parameters (those that receive gradients; batch-norm running statistics do not). */
    static long trainableParameterCount(Block block) {
        long count = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                count += p.getArray().getShape().size();
            }
        }
        return count;
    }

    /** The 3x3, stride 1, padding 1 convolution of every block. */
    private static Conv2d.Builder convolution(int width) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(1, 1))
                .optPadding(new Shape(1, 1)).setFilters(width);
    }

    private static Block conv(int width) {
        Conv2d conv = convolution(width).optBias(false).build();
        conv.setInitializer(new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 2f), Parameter.Type.WEIGHT);
        return conv;
    }

    private static Block batchNorm() {
        return BatchNorm.builder().optAxis(1).optEpsilon(BATCH_NORM_EPSILON).optMomentum(BATCH_NORM_MOMENTUM).build();
    }
}
