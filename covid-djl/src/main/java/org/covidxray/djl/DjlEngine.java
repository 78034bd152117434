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

    /** The natives decision taken before PyTorch loaded (loads nothing itself after the first call). */
    static DjlNativesChoice nativesChoice() {
        return Holder.CHOICE;
    }

    private static final class Holder {
        static final DjlNativesChoice CHOICE;
        static final Engine ENGINE;
        static final String FAILURE;
        static final Throwable CAUSE;

        static {
            DjlEnvironment.ensure();
            Engine engine = null;
            String failure = null;
            Throwable cause = null;
            DjlNativesChoice choice = DjlNativesChoice.decide(DjlNatives.all(), DjlNativesChoice.CudaCheck.djl());
            boolean cuda = choice.cudaAllowed();
            if (DjlNatives.all().isEmpty()) {
                failure = "no PyTorch natives jar on the class path (add ai.djl.pytorch:pytorch-native-cpu:"
                        + "2.5.1 with the classifier of this platform, see docs/engines.md)";
            } else {
                try {
                    engine = cuda ? Engine.getEngine(ENGINE_NAME) : loadWithCpuNativesOnly();
                } catch (RuntimeException | LinkageError e) {
                    cause = e;
                    String flavor = cuda ? DjlNatives.all().stream().filter(DjlNatives.Jar::isCuda).findFirst()
                            .map(DjlNatives.Jar::flavor).orElse("cuda") : DjlNatives.flavor();
                    failure = "DJL could not load the PyTorch natives (" + flavor + " " + DjlNatives.classifier()
                            + ", offline): " + e.getMessage()
                            + (cuda ? " (to run this build on its CPU natives, start it with the environment "
                                    + "variable CUDA_VISIBLE_DEVICES set to an empty value)" : "");
                }
            }
            CHOICE = choice;
            ENGINE = engine;
            FAILURE = failure;
            CAUSE = cause;
        }

        /** DJL detects the natives through the context class loader; it sees only the CPU ones while loading. */
        private static Engine loadWithCpuNativesOnly() {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            ClassLoader parent = previous != null ? previous : DjlEngine.class.getClassLoader();
            thread.setContextClassLoader(DjlNatives.cpuOnly(parent));
            try {
                return Engine.getEngine(ENGINE_NAME);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        static void rethrowFailure() {
            if (FAILURE != null) {
                throw new BackendUnavailableException("Backend 'djl' cannot be used: " + FAILURE, CAUSE);
            }
        }
    }
}
