package org.covidxray.examples.options;

import java.io.PrintWriter;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.engine.Device;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --backend} and {@code --device}: which engine builds and trains a network, and where. */
public final class EngineOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Engine: djl or dl4j (default: the best usable one, or -Dcovid.backend).")
    private String backend;

    @Mixin
    private DeviceOption device;

    /** The engine's name as given, or null for the best usable one. */
    public String backendName() {
        return backend;
    }

    /** The named engine, or the best usable one; an unknown or unusable name says why and what is there. */
    public Backend backend() {
        return backend == null ? Backends.defaultBackend() : Backends.get(backend);
    }

    /** The {@code --device} value as given. */
    public String requestedDevice() {
        return device.requested();
    }

    /** The device of {@code engine} that {@code --device} asks for. */
    public Device device(Backend engine, PrintWriter err) {
        return device.choose(engine, err);
    }
}
