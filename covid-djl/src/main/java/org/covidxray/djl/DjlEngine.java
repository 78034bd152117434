package org.covidxray.djl;

import ai.djl.engine.Engine;
import org.covidxray.engine.BackendUnavailableException;
import org.covidxray.engine.Device;
import org.covidxray.engine.DeviceType;

/** Loads DJL's PyTorch engine once, lazily, after {@link DjlEnvironment} has applied its settings. */
final class DjlEngine {
    static final String ENGINE_NAME = "PyTorch";

    private DjlEngine() {
    }

    /** The PyTorch engine; throws with the reason when its natives cannot be loaded. */
    static Engine get() {
        Holder.rethrowFailure();
        return Holder.ENGINE;
    }

    /** Why the engine cannot be loaded, or {@code null} when it can. */
    static String failure() {
        return Holder.FAILURE;
    }

    /** "DJL x / PyTorch y" (loads the engine). */
    static String version() {
        return "DJL " + Engine.getDjlVersion() + " / PyTorch " + get().getVersion();
    }

    /** The DJL device for one of ours. */
    static ai.djl.Device toDjl(Device device) {
        return device.type() == DeviceType.GPU ? ai.djl.Device.gpu(device.index()) : ai.djl.Device.cpu();
    }

    private static final class Holder {
        static final Engine ENGINE;
        static final String FAILURE;
        static final Throwable CAUSE;

        static {
            DjlEnvironment.ensure();
            Engine engine = null;
            String failure = null;
            Throwable cause = null;
            if ("none".equals(DjlNatives.flavor())) {
                failure = "no PyTorch natives jar on the class path (add ai.djl.pytorch:pytorch-native-cpu:"
                        + "2.5.1 with the classifier of this platform, see docs/engines.md)";
            } else {
                try {
                    engine = Engine.getEngine(ENGINE_NAME);
                } catch (RuntimeException | LinkageError e) {
                    cause = e;
                    failure = "DJL could not load the PyTorch natives (" + DjlNatives.flavor() + " "
                            + DjlNatives.classifier() + ", offline): " + e.getMessage();
                }
            }
            ENGINE = engine;
            FAILURE = failure;
            CAUSE = cause;
        }

        static void rethrowFailure() {
            if (FAILURE != null) {
                throw new BackendUnavailableException("Backend 'djl' cannot be used: " + FAILURE, CAUSE);
            }
        }
    }
}
