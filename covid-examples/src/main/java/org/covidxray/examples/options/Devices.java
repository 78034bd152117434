package org.covidxray.examples.options;

import java.io.PrintWriter;
import java.util.Locale;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.engine.Device;
import org.covidxray.engine.DeviceType;
import org.covidxray.examples.common.UserException;

/**
 * Turns {@code --device auto|cpu|gpu} into a device of a backend. A GPU that is asked for but absent or
 * unusable falls back to the CPU with one line saying so, as the engines themselves do.
 */
final class Devices {
    private Devices() {
    }

    static Device choose(Backend backend, String requested, PrintWriter err) {
        String wanted = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        boolean hasGpu = backend.devices().stream().anyMatch(d -> d.type() == DeviceType.GPU);
        if (wanted.equals("auto")) {
            return hasGpu ? Backends.device(backend, DeviceType.GPU) : Backends.device(backend, DeviceType.CPU);
        }
        DeviceType type;
        try {
            type = Device.parseType(wanted);
        } catch (IllegalArgumentException e) {
            throw new UserException("--device must be auto, cpu or gpu, not '" + requested + "'.");
        }
        if (type == DeviceType.GPU && !hasGpu) {
            err.println("No usable GPU for backend " + backend.name() + " (it has: " + backend.devices()
                    + "); running on the CPU.");
            err.flush();
            return Backends.device(backend, DeviceType.CPU);
        }
        return Backends.device(backend, type);
    }
}
