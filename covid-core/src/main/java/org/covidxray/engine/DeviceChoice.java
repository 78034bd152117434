package org.covidxray.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * The device chosen for a request, and the one line to tell the user when it is not what a GPU build or
 * the request would lead them to expect.
 *
 * @param device where the engine will run
 * @param notice the line to log or print (why the CPU is used), or empty when there is nothing to say
 * @param warning true when the notice reports a fault (a GPU found but unusable) rather than an absence
 */
public record DeviceChoice(Device device, Optional<String> notice, boolean warning) {

    public DeviceChoice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(notice, "notice");
    }
}
