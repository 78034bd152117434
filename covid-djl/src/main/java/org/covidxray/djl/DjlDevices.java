package org.covidxray.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.engine.Device;
import org.covidxray.engine.DeviceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices DJL can really use here, detected once. A GPU is listed only when the CUDA build of
 * the PyTorch natives is on the class path and DJL finds a device; otherwise one INFO line says why
 * the CPU is used.
 */
final class DjlDevices {
    private static final Logger LOG = LoggerFactory.getLogger(DjlDevices.class);

    private DjlDevices() {
    }

    static List<Device> usable() {
        return Holder.DEVICES;
    }

    private static List<Device> detect() {
        Engine engine = DjlEngine.get();
        List<Device> devices = new ArrayList<>();
        devices.add(Device.cpu());
        String flavor = DjlNatives.flavor();
        if (!flavor.startsWith("cu")) {
            LOG.info("DJL/PyTorch {} on the CPU: the PyTorch natives on the class path are the CPU build "
                    + "(build with -Pcuda for NVIDIA GPUs).", engine.getVersion());
            return List.copyOf(devices);
        }
        int gpus = engine.hasCapability(StandardCapabilities.CUDA) ? engine.getGpuCount() : 0;
        if (gpus == 0) {
            LOG.info("DJL/PyTorch {} on the CPU: the CUDA natives ({}) are on the class path but no usable GPU "
                    + "was found (no NVIDIA driver or device).", engine.getVersion(), flavor);
        } else {
            for (int i = 0; i < gpus; i++) {
                devices.add(new Device(DeviceType.GPU, i, "GPU " + i + " (CUDA " + flavor + ")"));
            }
            LOG.info("DJL/PyTorch {}: {} GPU(s) usable with the {} natives.", engine.getVersion(), gpus, flavor);
        }
        return List.copyOf(devices);
    }

    private static final class Holder {
        static final List<Device> DEVICES = detect();
    }
}
