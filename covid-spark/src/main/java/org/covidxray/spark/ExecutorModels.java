package org.covidxray.spark;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.Models;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of this JVM: each bundle is loaded once per executor JVM, however many tasks and partitions
 * use it, and shared by its concurrent tasks (a {@link Classifier} allows concurrent predictions). All are
 * closed when the JVM shuts down. Before the first load the PyTorch thread count is set to the task's cores
 * (DJL reads {@value #PYTORCH_THREADS} once, when its engine starts), unless the user set it.
 */
final class ExecutorModels {
    /** DJL's PyTorch intra-op thread count (system property). */
    static final String PYTORCH_THREADS = "ai.djl.pytorch.num_threads";

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, Classifier> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static volatile String lastLoader;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "covid-models-close"));
    }

    private ExecutorModels() {
    }

    /**
     * The model of bundle {@code key}, loaded from {@code bundle} the first time this JVM asks.
     *
     * @param key the bundle's content hash
     * @param bundle the bundle's bytes (a broadcast value)
     * @param taskCores cores of the asking task: PyTorch's thread count, when nobody chose one
     */
    static Classifier get(String key, Supplier<byte[]> bundle, int taskCores) {
        return MODELS.computeIfAbsent(key, k -> {
            if (System.getProperty(PYTORCH_THREADS) == null) {
                System.setProperty(PYTORCH_THREADS, Integer.toString(Math.max(1, taskCores)));
            }
            ModelBundle read = ModelBundle.read(new ByteArrayInputStream(bundle.get()), Path.of("model-" + k + ".zip"));
            Classifier classifier = Models.load(read, DeviceType.CPU);
            LOADS.incrementAndGet();
            lastLoader = Thread.currentThread().getName();
            LOG.info("Loaded model {} ({}) once for this executor JVM (pid {}), PyTorch threads {}",
                    read.manifest().modelId(), read.manifest().backend(), ProcessHandle.current().pid(),
                    System.getProperty(PYTORCH_THREADS));
            return classifier;
        });
    }

    /** How many models this JVM has loaded (for tests: one per bundle). */
    static int loads() {
        return LOADS.get();
    }

    /** The name of the thread that loaded the latest model (for tests: a preload or a task). */
    static String lastLoader() {
        return lastLoader;
    }

    /** Closes and forgets every model of this JVM: at shutdown, and in tests that count loads. */
    static void closeAll() {
        MODELS.values().forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing a model at shutdown failed: {}", e.toString());
            }
        });
        MODELS.clear();
    }
}
