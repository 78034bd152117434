package org.covidxray.dl4j;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares ND4J before its natives load, then applies the settings this engine runs with. Every entry
 * into ND4J in this module goes through {@link #ensureInitialised()}.
 *
 * <p>Before the natives load (system properties, only when the user has not set them):
 * <ul>
 *   <li>{@value #CACHE_DIR_PROPERTY}: where JavaCPP unpacks native libraries; default
 *       {@code ${java.io.tmpdir}/covid-xray/javacpp} instead of JavaCPP's {@code ~/.javacpp/cache}.</li>
 *   <li>{@value #CRASH_DUMP_DIR_PROPERTY}: where DL4J writes its out-of-memory report; default
 *       {@code ${java.io.tmpdir}/covid-xray/dl4j-crash-dumps} instead of the working directory.</li>
 * </ul>
 * Then {@link Dl4jGpuProbe} checks CUDA (in a {@code -Pcuda} build) and, when it cannot run, leaves ND4J
 * only its CPU backend to load.
 * After they load: default data type FLOAT (and FLOAT for floating-point ops), ND4J's OpenMP thread
 * count = the available cores unless the environment variable {@code OMP_NUM_THREADS} is set, and
 * ND4J's periodic {@code System.gc()} switched off (it did not lower memory; the JVM flag
 * {@code -XX:G1PeriodicGCInterval=1000} does, see docs/engines.md).
 * Off-heap limits ({@code org.bytedeco.javacpp.maxbytes}, {@code maxphysicalbytes}) are JVM flags set by
 * the launcher: see {@code docs/engines.md}, section DL4J.
 */
public final class Dl4jEnvironment {
    /** JavaCPP's cache folder property. */
    public static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";
    /** DL4J writes a memory report here when it runs out of memory; its default is the working directory. */
    public static final String CRASH_DUMP_DIR_PROPERTY = "org.deeplearning4j.crash.reporting.directory";
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jEnvironment.class);
    private static final Object LOCK = new Object();
    private static volatile boolean initialised;
    private static volatile Throwable failure;

    private Dl4jEnvironment() {
    }

    /** The JavaCPP cache folder used when the user has not set {@value #CACHE_DIR_PROPERTY}. */
    public static Path defaultCacheDir() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "covid-xray", "javacpp");
    }

    /** Sets the properties that must be in force before ND4J's natives load (idempotent, no native code). */
    static void presetProperties() {
        String cache = System.getProperty(CACHE_DIR_PROPERTY);
        if (cache == null || cache.isBlank()) {
            System.setProperty(CACHE_DIR_PROPERTY, defaultCacheDir().toString());
        }
        String dumps = System.getProperty(CRASH_DUMP_DIR_PROPERTY);
        if (dumps == null || dumps.isBlank()) {
            System.setProperty(CRASH_DUMP_DIR_PROPERTY, defaultCacheDir().getParent().resolve("dl4j-crash-dumps")
                    .toString());
        }
    }

    /**
     * Loads ND4J with this engine's settings, once. Throws the native load failure (every later call
     * throws the same one).
     */
    public static void ensureInitialised() {
        if (initialised) {
            return;
        }
        synchronized (LOCK) {
            if (initialised) {
                return;
            }
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            try {
                presetProperties();
                Dl4jGpuProbe.beforeNd4jLoads();
                Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
                int threads = threadCount();
                Nd4j.getEnvironment().setMaxThreads(threads);
                Nd4j.getEnvironment().setMaxMasterThreads(threads);
                Nd4j.getMemoryManager().togglePeriodicGc(false);
                LOG.debug("ND4J {} ready: {} threads, data type {}, JavaCPP cache {}",
                        Nd4j.getBackend().getClass().getSimpleName(), threads, Nd4j.defaultFloatingPointType(),
                        System.getProperty(CACHE_DIR_PROPERTY));
                initialised = true;
            } catch (Throwable t) {
                failure = t;
                throw new IllegalStateException(t.getMessage(), t);
            }
        }
    }

    /** Why ND4J cannot be loaded, or empty when it can. Loads the natives on first call. */
    static Optional<String> loadFailure() {
        try {
            ensureInitialised();
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(describe(failure != null ? failure : e));
        }
    }

    /** Threads for ND4J's OpenMP pool: OMP_NUM_THREADS when set, else every available core. */
    static int threadCount() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null && !omp.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(omp.trim()));
            } catch (NumberFormatException e) {
                LOG.warn("Ignoring OMP_NUM_THREADS='{}': not a number", omp);
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** A user-facing reason for a native load failure that names the jar to add. */
    static String describe(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null && text.length() < 600; c = c.getCause()) {
            if (c.getMessage() != null) {
                text.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append("; ");
            }
        }
        String platform = System.getProperty("org.bytedeco.javacpp.platform", platformName());
        return "ND4J's native backend could not be loaded (" + text.toString().trim() + "). Put the natives jar "
                + "org.nd4j:nd4j-native:1.0.0-M2.1:" + platform + " (and org.bytedeco:openblas:0.3.19-1.5.7:"
                + platform + ") on the class path, or for the GPU org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1:" + platform
                + " with the CUDA 11.6 runtime installed";
    }

    private static String platformName() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        String osName = os.contains("win") ? "windows" : os.contains("mac") ? "macosx" : "linux";
        String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") ? "arm64" : arch;
        return osName + "-" + archName;
    }
}
