package org.covidxray.onnx;

import ai.djl.engine.Engine;
import org.covidxray.engine.BackendUnavailableException;

/** Loads DJL's ONNX Runtime engine once, lazily, after {@link OnnxEnvironment} has applied its settings. */
final class OnnxEngine {
    static final String ENGINE_NAME = "OnnxRuntime";

    private OnnxEngine() {
    }

    /** The engine; throws with the reason when its natives cannot be loaded. */
    static Engine get() {
        if (Holder.FAILURE != null) {
            throw new BackendUnavailableException("Backend 'onnx' cannot be used: " + Holder.FAILURE, Holder.CAUSE);
        }
        return Holder.ENGINE;
    }

    /** Why the engine cannot be loaded, or {@code null} when it can. */
    static String failure() {
        return Holder.FAILURE;
    }

    /** "DJL x / ONNX Runtime y" (loads the engine). */
    static String version() {
        return "DJL " + Engine.getDjlVersion() + " / ONNX Runtime " + get().getVersion();
    }

    private static final class Holder {
        static final Engine ENGINE;
        static final String FAILURE;
        static final Throwable CAUSE;

        static {
            OnnxEnvironment.ensure();
            Engine engine = null;
            String failure = null;
            Throwable cause = null;
            try {
                engine = Engine.getEngine(ENGINE_NAME);
            } catch (RuntimeException | LinkageError e) {
                cause = e;
                failure = "DJL could not load ONNX Runtime (the natives come from com.microsoft.onnxruntime:onnxruntime:"
                        + "1.21.1 on the class path, offline): " + e.getMessage();
            }
            ENGINE = engine;
            FAILURE = failure;
            CAUSE = cause;
        }
    }
}
