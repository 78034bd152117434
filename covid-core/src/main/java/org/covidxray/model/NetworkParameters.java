package org.covidxray.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The named parameters of a network that covid-xray built from an {@link Architecture}, in one
 * engine-neutral naming and layout: PyTorch's, as the module of
 * {@code covid-examples/src/main/python/rebuild_from_safetensors.py} names them. For block {@code i}
 * (from 0) and its convolution {@code j} (1, or 1 and 2 with {@link Architecture#doubleConv()}):
 * <pre>
 * blocks.i.convj.weight        [out, in, 3, 3]   (no bias)
 * blocks.i.bnj.weight          [out]             batch-norm scale (gamma)
 * blocks.i.bnj.bias            [out]             batch-norm shift (beta)
 * blocks.i.bnj.running_mean    [out]
 * blocks.i.bnj.running_var     [out]             the variance itself; eps 1e-5 is added when used
 * classifier.weight            [classes, last width]
 * classifier.bias              [classes]
 * </pre>
 * Engines convert their own layouts (e.g. DL4J's dense weights [in, out], its batch norm's
 * log10 standard deviation) before handing values to the {@link Builder}, which names them and checks
 * every shape against the architecture.
 *
 * @param architecture the network these parameters belong to
 * @param classNames the output classes, in the order of {@code classifier.weight}'s rows
 * @param tensors every parameter, in the network's layer order
 */
public record NetworkParameters(Architecture architecture, List<String> classNames, List<NamedTensor> tensors) {
    /** Batch-norm epsilon of every architecture (see {@link Architecture}). */
    public static final double BATCH_NORM_EPSILON = 1e-5;

    public NetworkParameters {
        classNames = List.copyOf(classNames);
        tensors = List.copyOf(tensors);
    }

    /** A builder that expects the parameters of {@code architecture} with {@code classNames} outputs, in layer order. */
    public static Builder builder(Architecture architecture, List<String> classNames) {
        return new Builder(architecture, classNames);
    }

    /** The name prefix of convolution {@code conv} (1 or 2) of block {@code block} (from 0): {@code blocks.i.convj}. */
    public static String convolutionName(int block, int conv) {
        return "blocks." + block + ".conv" + conv;
    }

    /** The name prefix of the batch norm after that convolution: {@code blocks.i.bnj}. */
    public static String batchNormName(int block, int conv) {
        return "blocks." + block + ".bn" + conv;
    }

    /** The tensor with this name, if any. */
    public Optional<NamedTensor> get(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Values of all tensors, batch-norm running statistics included. */
    public long valueCount() {
        return tensors.stream().mapToLong(NamedTensor::size).sum();
    }

    /** Collects an engine's parameters layer by layer and names them; every shape is checked. */
    public static final class Builder {
        private final Architecture architecture;
        private final List<String> classNames;
        private final List<Layer> expected = new ArrayList<>();
        private final List<NamedTensor> tensors = new ArrayList<>();
        private int next;

        private Builder(Architecture architecture, List<String> classNames) {
            this.architecture = architecture;
            this.classNames = List.copyOf(classNames);
            int in = architecture.channels();
            for (int i = 0; i < architecture.widths().size(); i++) {
                int width = architecture.widths().get(i);
                int convs = architecture.doubleConv() ? 2 : 1;
                for (int j = 1; j <= convs; j++) {
                    expected.add(new Layer(Kind.CONV, convolutionName(i, j), width, j == 1 ? in : width));
                    expected.add(new Layer(Kind.BATCH_NORM, batchNormName(i, j), width, width));
                }
                in = width;
            }
            expected.add(new Layer(Kind.DENSE, "classifier", classNames.size(), in));
        }

        /** The next convolution's kernel, [out, in, 3, 3] row-major. */
        public Builder conv(float[] weight) {
            Layer layer = take(Kind.CONV);
            add(layer.prefix + ".weight", weight, layer.out, layer.in, 3, 3);
            return this;
        }

        /** The next batch norm: scale, shift, running mean and running variance (not its log, not plus eps). */
        public Builder batchNorm(float[] gamma, float[] beta, float[] runningMean, float[] runningVar) {
            Layer layer = take(Kind.BATCH_NORM);
            add(layer.prefix + ".weight", gamma, layer.out);
            add(layer.prefix + ".bias", beta, layer.out);
            add(layer.prefix + ".running_mean", runningMean, layer.out);
            add(layer.prefix + ".running_var", runningVar, layer.out);
            return this;
        }

        /** The dense output layer: weight [classes, in] row-major (PyTorch's {@code Linear}) and bias [classes]. */
        public Builder dense(float[] weight, float[] bias) {
            Layer layer = take(Kind.DENSE);
            add(layer.prefix + ".weight", weight, layer.out, layer.in);
            add(layer.prefix + ".bias", bias, layer.out);
            return this;
        }

        /** The parameters; refuses when a layer of the architecture was not given. */
        public NetworkParameters build() {
            if (next != expected.size()) {
                throw new IllegalStateException("the network's parameters stop before " + expected.get(next).prefix
                        + " of architecture '" + architecture.name() + "'");
            }
            return new NetworkParameters(architecture, classNames, tensors);
        }

        private Layer take(Kind kind) {
            if (next >= expected.size()) {
                throw new IllegalStateException("the network has more layers with parameters than architecture '"
                        + architecture.name() + "' (an extra " + kind.description + ")");
            }
            Layer layer = expected.get(next);
            if (layer.kind != kind) {
                throw new IllegalStateException("architecture '" + architecture.name() + "' expects the "
                        + layer.kind.description + " " + layer.prefix + " next, not a " + kind.description);
            }
            next++;
            return layer;
        }

        private void add(String name, float[] values, int... shape) {
            long size = 1;
            for (int d : shape) {
                size *= d;
            }
            if (values.length != size) {
                throw new IllegalStateException(name + " of architecture '" + architecture.name() + "' must have shape "
                        + Arrays.toString(shape) + " (" + size + " values); the engine gave " + values.length);
            }
            tensors.add(new NamedTensor(name, shape, values));
        }

        private enum Kind {
            CONV("convolution"), BATCH_NORM("batch norm"), DENSE("dense layer");

            private final String description;

            Kind(String description) {
                this.description = description;
            }
        }

        private record Layer(Kind kind, String prefix, int out, int in) {
        }
    }
}
