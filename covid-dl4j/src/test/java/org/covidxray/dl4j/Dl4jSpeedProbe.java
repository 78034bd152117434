package org.covidxray.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.RandomBatches;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: times {@link Dl4jTrainableNetwork#trainStep} on random batches and reports images/s,
 * batch-1 latency and peak resident memory; optionally the time per layer (forward and backward) and
 * ND4J's per-op profile, or (steps) each timed step's milliseconds. Arguments: {@code [size=224] [batch=32]
 * [steps=10] [arch=cnn4] [layers|ops|steps]}.
 * Run it with the class path of this module's tests (see docs/benchmarks.md, "Engines: DL4J tuning").
 */
public final class Dl4jSpeedProbe {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jSpeedProbe.class);

    private Dl4jSpeedProbe() {
    }

    public static void main(String[] args) throws IOException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 224;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String arch = args.length > 3 ? args[3] : "cnn4";
        String mode = args.length > 4 ? args[4] : "";
        Dl4jEnvironment.ensureInitialised();
        Architecture architecture = Architecture.preset(arch, size);
        TrainingConfig config = TrainingConfig.builder().optBatchSize(batchSize).build();
        NetworkSpec spec = new NetworkSpec(architecture, List.of("covid", "normal", "pneumonia"), config, null,
                Device.cpu());
        Batch batch = RandomBatches.of(batchSize, size, 1);
        try (Dl4jTrainableNetwork network = new Dl4jTrainableNetwork(spec)) {
            for (int i = 0; i < 2; i++) {
                network.trainStep(batch);
            }
            if (mode.equals("layers")) {
                perLayer(network.network(), batch, steps);
                return;
            }
            if (mode.equals("ops")) {
                Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.ALL);
                OpProfiler.getInstance().reset();
            }
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            boolean perStep = mode.equals("steps");
            StringBuilder stepMs = new StringBuilder();
            for (int i = 0; i < steps; i++) {
                long stepStart = System.nanoTime();
                network.trainStep(batch);
                if (perStep) {
                    stepMs.append(String.format(Locale.ROOT, " %.0f", (System.nanoTime() - stepStart) / 1e6));
                }
            }
            if (perStep) {
                LOG.info("ms per step:{}", stepMs);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
            if (mode.equals("ops")) {
                Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
                OpProfiler.getInstance().printOutDashboard();
            }
            Batch single = RandomBatches.of(1, size, 2);
            network.predict(single);
            int repeats = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                network.predict(single);
            }
            double latencyMs = (System.nanoTime() - t0) / 1e6 / repeats;
            LOG.info(String.format(Locale.ROOT, "| %s | %d px | batch %d | %.1f img/s train | %.1f img/cpu-s | %.1f ms batch-1 | "
                            + "peak RSS %.2f GB | heap max %.2f GB |", arch, size, batchSize,
                    steps * batchSize / trainSeconds, steps * batchSize / cpuSeconds, latencyMs, peakRssGb(), Runtime.getRuntime().maxMemory() / 1e9));
            LOG.info(String.format(Locale.ROOT, "JavaCPP tracked %.0f MB (peak not tracked), physical %.0f MB; heap used %.0f MB,"
                            + " committed %.0f MB", org.bytedeco.javacpp.Pointer.totalBytes() / 1e6,
                    org.bytedeco.javacpp.Pointer.physicalBytes() / 1e6,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6,
                    Runtime.getRuntime().totalMemory() / 1e6));
            Nd4j.getWorkspaceManager().printAllocationStatisticsForCurrentThread();
        }
    }

    /** Forward and backward time of each layer, run layer by layer without workspaces. */
    private static void perLayer(MultiLayerNetwork network, Batch batch, int steps) {
        Layer[] layers = network.getLayers();
        double[] forward = new double[layers.length];
        double[] backward = new double[layers.length];
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray labels = Dl4jTensors.labels(batch, 3, null);
        for (int s = 0; s < steps; s++) {
            INDArray a = Dl4jTensors.features(batch);
            for (int i = 0; i < layers.length; i++) {
                long t = System.nanoTime();
                layers[i].setInput(a, mgr);
                if (layers[i] instanceof IOutputLayer out) {
                    out.setLabels(labels);
                }
                a = layers[i].activate(true, mgr);
                forward[i] += (System.nanoTime() - t) / 1e6;
            }
            INDArray epsilon = null;
            for (int i = layers.length - 1; i >= 0; i--) {
                long t = System.nanoTime();
                epsilon = layers[i].backpropGradient(epsilon, mgr).getSecond();
                backward[i] += (System.nanoTime() - t) / 1e6;
            }
        }
        StringBuilder table = new StringBuilder("\n| layer | type | forward ms | backward ms |\n| --- | --- | --- | --- |\n");
        for (int i = 0; i < layers.length; i++) {
            table.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f |%n", i,
                    layers[i].getClass().getSimpleName(), forward[i] / steps, backward[i] / steps));
        }
        LOG.info("per batch of {}:{}", batch.size(), table);
    }

    /** CPU time of the whole process (all threads, native included), to compare runs on a busy machine. */
    private static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }

    private static double peakRssGb() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1e6;
            }
        }
        return Double.NaN;
    }
}
