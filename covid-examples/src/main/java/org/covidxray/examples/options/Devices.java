package org.covidxray.examples.options;

import java.io.PrintWriter;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import org.covidxray.engine.DeviceChoice;
import org.covidxray.engine.DeviceRequest;
import org.covidxray.engine.DeviceSelector;
import org.covidxray.examples.common.UserException;

/**
 * Turns {@code --device auto|cpu|gpu} into a device of a backend with the library's {@link DeviceSelector}:
 * a GPU that is asked for but absent or unusable falls back to the CPU with the one line it gives,
 * printed on the command's error stream.
 */
final class Devices {
    private Devices() {
    }

    static Device choose(Backend backend, String requested, PrintWriter err) {
        DeviceRequest request;
        try {
            request = requested == null ? DeviceRequest.AUTO : DeviceRequest.parse(requested);
        } catch (IllegalArgumentException e) {
            throw new UserException("--device must be auto, cpu or gpu, not '" + requested + "'.");
        }
        DeviceChoice choice = DeviceSelector.choose(backend.name(), request, backend::gpuStatus);
        choice.notice().ifPresent(line -> {
            err.println(line);
            err.flush();
        });
        return choice.device();
    }
}
