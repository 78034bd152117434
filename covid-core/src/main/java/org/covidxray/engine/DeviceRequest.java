package org.covidxray.engine;

import java.util.Locale;

/** Where the user asked an engine to run: {@code --device auto|cpu|gpu}. */
public enum DeviceRequest {
    /** A GPU when the engine can use one, else the CPU. */
    AUTO,
    /** The CPU. */
    CPU,
    /** A GPU; falls back to the CPU, saying why, when there is none or it cannot be used. */
    GPU;

    /** Parses {@code auto}, {@code cpu}, {@code gpu} (also {@code gpu:0}, {@code cuda}), ignoring case. */
    public static DeviceRequest parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The device is empty: use auto, cpu or gpu");
        }
        if (text.trim().equalsIgnoreCase("auto")) {
            return AUTO;
        }
        return Device.parseType(text) == DeviceType.GPU ? GPU : CPU;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
