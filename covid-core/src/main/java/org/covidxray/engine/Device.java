package org.covidxray.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * A compute device as an engine reports it.
 *
 * @param type CPU or GPU
 * @param index device index within its type (0 for the CPU)
 * @param description what the engine says about it (e.g. "CPU, 2 threads", "GPU 0: NVIDIA A10")
 */
public record Device(DeviceType type, int index, String description) {

    public Device {
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    public static Device cpu() {
        return new Device(DeviceType.CPU, 0, "CPU, " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    /** Parses "cpu", "gpu" or "gpu:1" (case-insensitive). */
    public static DeviceType parseType(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String head = colon < 0 ? t : t.substring(0, colon);
        return switch (head) {
            case "cpu" -> DeviceType.CPU;
            case "gpu", "cuda" -> DeviceType.GPU;
            default -> throw new IllegalArgumentException("Unknown device '" + text + "': use cpu or gpu");
        };
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + (type == DeviceType.GPU ? ":" + index : "")
                + (description.isEmpty() ? "" : " (" + description + ")");
    }
}
