package org.covidxray.examples.cli;

import java.nio.file.Path;
import org.covidxray.engine.Device;
import org.covidxray.engine.DeviceType;
import org.covidxray.examples.model.BundledModel;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.Models;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --device}: which model to load, and where. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE",
            description = "Model bundle (.zip) written by 'covid train'. Default: the model bundled in this jar.")
    Path model;

    @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu",
            description = "Where to run the model (default: ${DEFAULT-VALUE}).")
    String device;

    DeviceType deviceType() {
        return Device.parseType(device);
    }

    /** The bundle itself (manifest and weights), without loading an engine. */
    ModelBundle readBundle() {
        return model == null ? BundledModel.read() : ModelBundle.read(model);
    }

    /** Loads the model with the backend that wrote it. */
    Classifier load() {
        return Models.load(readBundle(), deviceType());
    }

    /** How messages name the model. */
    String describe() {
        return model == null ? "the bundled model" : model.toString();
    }
}
