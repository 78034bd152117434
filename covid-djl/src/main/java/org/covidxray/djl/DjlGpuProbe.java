package org.covidxray.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.engine.Device;
import org.covidxray.engine.DeviceProbe;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.GpuStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether DJL can use a GPU here, detected once: the natives decision taken before PyTorch loaded
 * ({@link DjlNativesChoice}), then, when the CUDA natives were loaded, PyTorch's device count and one
 * small computation on GPU 0, so that a GPU is listed only when it really works. Logs only at DEBUG:
 * {@link org.covidxray.engine.DeviceSelector} gives the user the one line about it.
 */
final class DjlGpuProbe implements DeviceProbe {
    static final DjlGpuProbe INSTANCE = new DjlGpuProbe();
    private static final Logger LOG = LoggerFactory.getLogger(DjlGpuProbe.class);

    private DjlGpuProbe() {
    }

    @Override
    public GpuStatus gpuStatus() {
        return Holder.STATUS;
    }

    private static GpuStatus detect() {
        DjlNativesChoice choice = DjlEngine.nativesChoice();
        if (DjlEngine.failure() != null) {
            return choice.status().orElse(GpuStatus.unusable(DjlEngine.failure()));
        }
        Engine engine = DjlEngine.get();
        if (choice.status().isPresent()) {
            return choice.status().get();
        }
        if (!engine.hasCapability(StandardCapabilities.CUDA)) {
            return GpuStatus.notBuilt("the PyTorch natives DJL loaded (" + DjlNatives.flavors() + ") have no CUDA");
        }
        int count = engine.getGpuCount();
        if (count == 0) {
            return GpuStatus.absent("PyTorch " + engine.getVersion() + " loaded its CUDA natives but sees no GPU");
        }
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.gpu(0), DjlEngine.ENGINE_NAME)) {
            float sum = manager.ones(new Shape(4)).sum().getFloat();
            if (sum != 4f) {
                return GpuStatus.unusable("GPU 0 computed 1+1+1+1 = " + sum);
            }
        } catch (RuntimeException | LinkageError e) {
            return GpuStatus.unusable("PyTorch found " + count + " GPU(s) but a computation on GPU 0 failed: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<Device> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gpus.add(new Device(DeviceType.GPU, i, "GPU " + i + ", PyTorch " + engine.getVersion() + " CUDA"));
        }
        return GpuStatus.usable(gpus, count + " GPU(s) usable by PyTorch " + engine.getVersion());
    }

    private static final class Holder {
        static final GpuStatus STATUS = log(detect());

        private static GpuStatus log(GpuStatus status) {
            LOG.debug("DJL GPU status: {} ({}; natives on the class path: {})", status.state(), status.reason(),
                    DjlNatives.flavors());
            return status;
        }
    }
}
