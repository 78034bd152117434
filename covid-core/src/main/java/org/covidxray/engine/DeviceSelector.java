package org.covidxray.engine;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the device for a {@link DeviceRequest} from an engine's {@link GpuStatus}: a GPU when one is asked
 * for (or {@code auto}) and usable; otherwise the CPU, with one line that says why when the user could
 * have expected a GPU (they asked for one, or the build carries GPU natives). Asking for the CPU gets the
 * CPU and no line.
 */
public final class DeviceSelector {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSelector.class);

    private DeviceSelector() {
    }

    /** The choice for {@code request}, given what {@code probe} says; {@code engine} names the backend in the line. */
    public static DeviceChoice choose(String engine, DeviceRequest request, DeviceProbe probe) {
        if (request == DeviceRequest.CPU) {
            return onCpu(Optional.empty(), false);
        }
        GpuStatus status = probe.gpuStatus();
        if (status.isUsable()) {
            return new DeviceChoice(status.gpus().get(0), Optional.empty(), false);
        }
        boolean asked = request == DeviceRequest.GPU;
        return switch (status.state()) {
            case NOT_BUILT -> onCpu(asked ? Optional.of(line(engine, "no GPU in this build", status)) : Optional.empty(),
                    false);
            case ABSENT -> onCpu(Optional.of(line(engine, "no GPU found", status)), false);
            case UNUSABLE -> onCpu(Optional.of(line(engine, "the GPU cannot be used", status)), true);
            case USABLE -> throw new IllegalStateException("unreachable: a usable GPU was handled above");
        };
    }

    /** {@link #choose} for a backend, with its notice logged (WARN for a fault, INFO for an absence). */
    public static Device select(Backend backend, DeviceRequest request) {
        DeviceChoice choice = choose(backend.name(), request, backend::gpuStatus);
        choice.notice().ifPresent(line -> {
            if (choice.warning()) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        });
        return choice.device();
    }

    private static DeviceChoice onCpu(Optional<String> notice, boolean warning) {
        return new DeviceChoice(Device.cpu(), notice, warning);
    }

    private static String line(String engine, String what, GpuStatus status) {
        String reason = status.reason().isBlank() ? "" : ": " + status.reason().strip();
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return engine + " runs on the CPU, " + what + reason + ".";
    }
}
