package org.covidxray.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: times single PyTorch operators through DJL, forward and backward, on the activation shapes of the
 * network's first two blocks at batch 32, so that DJL (PyTorch 2.5.1) can be compared op by op with Debian's
 * PyTorch 1.13 running {@code covid-examples/src/main/python/op_probe.py}, which times the same operators the same
 * way (a fresh gradient of ones for each backward pass, as {@link GradientCollector#backward} makes). Prints a
 * Markdown row per operator: the median milliseconds of forward + backward. Arguments: {@code [size=224]
 * [batch=32] [repeats=10]}. Run it with this module's test class path in the launcher's environment
 * (docs/engines.md), like {@link DjlProfileProbe}.
 */
public final class DjlOpProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DjlOpProbe.class);
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape K2 = new Shape(2, 2);
    private static final Shape ZERO = new Shape(0, 0);

    private DjlOpProbe() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 224;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        // DjlEngine.get() turns DJL's offline mode on before the engine loads, so the natives come from the jar
        Engine engine = DjlEngine.get();
        try (NDManager manager = engine.newBaseManager()) {
            engine.setRandomSeed(1);
            NDArray image = manager.randomNormal(new Shape(batch, 1, size, size));
            NDArray act16 = manager.randomNormal(new Shape(batch, 16, size, size));
            NDArray act16half = manager.randomNormal(new Shape(batch, 16, size / 2, size / 2));
            NDArray w1 = manager.randomNormal(new Shape(16, 1, 3, 3));
            NDArray w2 = manager.randomNormal(new Shape(32, 16, 3, 3));
            NDArray gamma = manager.ones(new Shape(16));
            NDArray beta = manager.zeros(new Shape(16));
            NDArray mean = manager.zeros(new Shape(16));
            NDArray var = manager.ones(new Shape(16));
            for (NDArray p : new NDArray[] {w1, w2, gamma, beta}) {
                p.setRequiresGradient(true);
            }
            LOG.info("| operator ({} px, batch {}; median ms of forward + backward over {}) | DJL |", size, batch,
                    repeats);
            time("conv 1->16 (weight gradient only)", image, false,
                    x -> Conv2d.conv2d(x, w1, null, ONE, ONE, ONE, 1).singletonOrThrow(), repeats);
            time("batch norm 16, training", act16, true,
                    x -> BatchNorm.batchNorm(x, mean, var, gamma, beta, 1, 0.9f, 1e-5f, true).singletonOrThrow(),
                    repeats);
            time("relu 16", act16, true, Activation::relu, repeats);
            time("max-pool 2x2 16", act16, true, x -> Pool.maxPool2d(x, K2, K2, ZERO, false), repeats);
            time("max-pool 2x2 16 as strided maxima", act16, true, DjlMaxPool2x2::stridedMax, repeats);
            time("max-pool 2x2 16 as a maximum over reshaped axes", act16, true, x -> x.reshape(batch, 16, size / 2, 2,
                    size / 2, 2).max(new int[] {5}).max(new int[] {3}), repeats);
            time("relu 16 at half size", act16half, true, Activation::relu, repeats);
            time("conv 16->32 at half size", act16half, true,
                    x -> Conv2d.conv2d(x, w2, null, ONE, ONE, ONE, 1).singletonOrThrow(), repeats);
        }
    }

    private static void time(String name, NDArray input, boolean inputGradient, Function<NDArray, NDArray> op,
                             int repeats) {
        double[] ms = new double[repeats];
        for (int r = -3; r < repeats; r++) {
            try (NDManager step = input.getManager().newSubManager()) {
                NDArray x = input.duplicate();
                x.attach(step);
                if (inputGradient) {
                    x.setRequiresGradient(true);
                }
                long start = System.nanoTime();
                try (GradientCollector collector = DjlEngine.get().newGradientCollector()) {
                    NDArray y = op.apply(x);
                    collector.backward(y);
                }
                if (r >= 0) {
                    ms[r] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        LOG.info(String.format(Locale.ROOT, "| %s | %.1f |", name, ms[repeats / 2]));
    }
}
