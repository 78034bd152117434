package org.covidxray.examples.options;

import java.io.PrintWriter;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import picocli.CommandLine.Option;

/**
 * {@code --device}: where an engine runs. Shared by {@link EngineOptions} (training, experiments,
 * benchmarks) and {@link ModelOptions} (running a saved model); {@code covid train} makes {@code auto}
 * its default with a {@link CommandDefaults} provider.
 */
public final class DeviceOption {
    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "cpu",
            description = "Where to run: cpu, gpu (falls back to the CPU when there is none) or auto (a GPU when "
                    + "the engine can use one) (default: ${DEFAULT-VALUE}).")
    private String device;

    /** The value as given (auto, cpu or gpu; checked by {@link #choose}). */
    public String requested() {
        return device;
    }

    /** The device of {@code backend} this option asks for; a missing GPU falls back to the CPU with a line on {@code err}. */
    public Device choose(Backend backend, PrintWriter err) {
        return Devices.choose(backend, device, err);
    }
}
