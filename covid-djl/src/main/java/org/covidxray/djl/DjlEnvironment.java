package org.covidxray.djl;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Settings that must be in force before DJL initialises: offline mode, no usage tracking, and the
 * folders DJL and JNA write to. Every entry point of this module calls {@link #ensure()} first, so
 * the settings apply before any DJL class reads them.
 *
 * <p>What is set (only when neither the system property nor the environment variable of the same
 * name was set by the user):
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL never downloads natives or models; the PyTorch natives come
 *       from the {@code pytorch-native-*} jar on the class path.</li>
 *   <li>{@code OPT_OUT_TRACKING=true}: disables DJL's usage telemetry (DJL reads it as an environment
 *       variable or system property; offline mode disables it too).</li>
 *   <li>{@code DJL_CACHE_DIR} and {@code ENGINE_CACHE_DIR}: where DJL extracts the PyTorch natives,
 *       and {@code jna.tmpdir}: where JNA extracts its own library. Default
 *       {@code ${java.io.tmpdir}/covid-xray/djl}; override with the system property
 *       {@value #CACHE_PROPERTY}.</li>
 *   <li>DJL's CUDA probe ({@code ai.djl.util.cuda.CudaUtils}) runs while DJL detects the platform,
 *       even with the CPU natives, and warns "Failed to detect GPU count" on machines with a CUDA
 *       runtime but no driver. Its own quiet switch (the one its command-line probe uses) is turned
 *       on; {@link DjlGpuProbe} says whether a GPU is usable and why not, and the device selection gives the
 *       user one line about it.</li>
 * </ul>
 */
public final class DjlEnvironment {
    /** System property that moves every DJL/JNA folder this class sets. */
    public static final String CACHE_PROPERTY = "covid.djl.cache";
    /** DJL's offline switch (system property; the environment variable is {@code DJL_OFFLINE}). */
    public static final String OFFLINE = "ai.djl.offline";
    /** DJL's telemetry opt-out (environment variable or system property). */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    /** DJL's cache folder (environment variable or system property). */
    public static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    /** Where DJL extracts engine natives (environment variable or system property). */
    public static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    /** JNA's extraction folder. */
    public static final String JNA_TMPDIR = "jna.tmpdir";

    private static final Map<String, String> APPLIED = apply();

    private DjlEnvironment() {
    }

    /** Applies the settings (once per JVM); cheap to call again. */
    public static void ensure() {
        // the static initialiser has done the work
    }

    /** The folder DJL and JNA write to, unless the user chose others. */
    public static Path cacheDir() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        return Paths.get(System.getProperty("java.io.tmpdir"), "covid-xray", "djl").toAbsolutePath();
    }

    /** The settings this class applied, name to value; the user's own settings are not listed. */
    public static Map<String, String> applied() {
        return APPLIED;
    }

    private static Map<String, String> apply() {
        Path cache = cacheDir();
        Map<String, String> applied = new LinkedHashMap<>();
        setUnlessUserSet(OFFLINE, "DJL_OFFLINE", "true", applied);
        setUnlessUserSet(OPT_OUT_TRACKING, OPT_OUT_TRACKING, "true", applied);
        setUnlessUserSet(DJL_CACHE_DIR, DJL_CACHE_DIR, cache.toString(), applied);
        setUnlessUserSet(ENGINE_CACHE_DIR, ENGINE_CACHE_DIR, cache.resolve("engines").toString(), applied);
        setUnlessUserSet(JNA_TMPDIR, null, cache.resolve("jna").toString(), applied);
        silenceCudaProbe();
        return Map.copyOf(applied);
    }

    private static void silenceCudaProbe() {
        try {
            Field logging = Class.forName("ai.djl.util.cuda.CudaUtils").getDeclaredField("logging");
            logging.setAccessible(true);
            logging.setBoolean(null, false);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // another DJL version: its warnings stay, nothing else changes
            LoggerFactory.getLogger(DjlEnvironment.class).debug("Could not quieten DJL's CUDA probe: {}", e.toString());
        }
    }

    private static void setUnlessUserSet(String property, String env, String value, Map<String, String> applied) {
        if (System.getProperty(property) != null) {
            return;
        }
        if (env != null && System.getenv(env) != null) {
            return;
        }
        System.setProperty(property, value);
        applied.put(property, value);
    }
}
