package org.covidxray.djl;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Locale;
import org.covidxray.engine.Batch;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.RandomBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: times {@link DjlTrainableNetwork#trainStep} on random batches and, with a file name, records the
 * timed steps with PyTorch's own profiler into a Chrome trace, the format {@code reference_benchmark.py
 * --profile} writes for the same network, so the two can be compared op by op
 * ({@code covid-examples/src/main/python/profile_ops.py}). Arguments:
 * {@code [size=224] [batch=32] [steps=6] [trace.json]}. Run it with this module's test class path, in the
 * launcher's environment (docs/engines.md), e.g.
 * {@code MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296 java -cp ...}.
 */
public final class DjlProfileProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DjlProfileProbe.class);

    private DjlProfileProbe() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 224;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        String trace = args.length > 3 ? args[3] : null;
        NetworkSpec spec = new NetworkSpec(Architecture.preset("cnn4", size), List.of("covid", "normal", "pneumonia"),
                TrainingConfig.builder().optBatchSize(batchSize).build(), null, Device.cpu());
        Batch batch = RandomBatches.of(batchSize, size, 1);
        try (DjlTrainableNetwork network = new DjlTrainableNetwork(spec)) {
            for (int i = 0; i < 3; i++) {
                network.trainStep(batch);
            }
            if (trace != null) {
                JniUtils.startProfile(false, false, false);
            }
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                network.trainStep(batch);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (trace != null) {
                JniUtils.stopProfile(trace);
            }
            LOG.info(String.format(Locale.ROOT, "| DJL | %d px | batch %d | %.1f img/s train over %d steps |%s", size,
                    batchSize, steps * batchSize / seconds, steps, trace == null ? "" : " trace " + trace));
        }
    }
}
