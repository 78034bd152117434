package org.covidxray.onnx;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings in force before DJL's ONNX Runtime engine initialises; every entry point of this module calls
 * {@link #ensure()} first. Each is set only when neither the system property nor the environment variable of
 * that name was set by the user:
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL downloads nothing (the ONNX Runtime natives are inside the
 *       {@code com.microsoft.onnxruntime:onnxruntime} jar, which extracts them to {@code java.io.tmpdir}).</li>
 *   <li>{@code OPT_OUT_TRACKING=true}: no DJL usage telemetry.</li>
 *   <li>{@code ai.djl.onnx.disable_alternative=true}: DJL's ONNX Runtime engine would otherwise load PyTorch
 *       (when covid-djl is on the class path too) as its "alternative engine" for array operations this
 *       module never uses.</li>
 *   <li>{@code DJL_CACHE_DIR}, {@code ENGINE_CACHE_DIR}: {@code ${java.io.tmpdir}/covid-xray/djl} (as covid-djl),
 *       or the folder of {@value #CACHE_PROPERTY}.</li>
 * </ul>
 */
final class OnnxEnvironment {
    /** System property that moves DJL's folders (the same one covid-djl reads). */
    static final String CACHE_PROPERTY = "covid.djl.cache";
    private static final Map<String, String> APPLIED = apply();

    private OnnxEnvironment() {
    }

    /** Applies the settings (once per JVM). */
    static void ensure() {
        // the static initialiser has done the work
    }

    /** The settings this class applied, name to value. */
    static Map<String, String> applied() {
        return APPLIED;
    }

    private static Map<String, String> apply() {
        String configured = System.getProperty(CACHE_PROPERTY);
        Path cache = configured != null && !configured.isBlank() ? Paths.get(configured).toAbsolutePath()
                : Paths.get(System.getProperty("java.io.tmpdir"), "covid-xray", "djl").toAbsolutePath();
        Map<String, String> applied = new LinkedHashMap<>();
        set("ai.djl.offline", "DJL_OFFLINE", "true", applied);
        set("OPT_OUT_TRACKING", "OPT_OUT_TRACKING", "true", applied);
        set("ai.djl.onnx.disable_alternative", null, "true", applied);
        set("DJL_CACHE_DIR", "DJL_CACHE_DIR", cache.toString(), applied);
        set("ENGINE_CACHE_DIR", "ENGINE_CACHE_DIR", cache.resolve("engines").toString(), applied);
        return Map.copyOf(applied);
    }

    private static void set(String property, String env, String value, Map<String, String> applied) {
        if (System.getProperty(property) != null || env != null && System.getenv(env) != null) {
            return;
        }
        System.setProperty(property, value);
        applied.put(property, value);
    }
}
