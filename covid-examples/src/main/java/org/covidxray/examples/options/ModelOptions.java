package org.covidxray.examples.options;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.covidxray.engine.BackendUnavailableException;
import org.covidxray.engine.Backends;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.Models;
import org.covidxray.examples.model.BundledModel;
import org.covidxray.examples.model.ModelUnavailableException;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --device}: which saved model to load, and where (the CPU unless asked). */
public final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE",
            description = "Model bundle (.zip) written by 'covid train', or an ONNX file (.onnx, with its .json "
                    + "sidecar beside it; needs the optional covid-onnx module, docs/engines.md). Default: the model "
                    + "bundled in this jar.")
    private Path model;

    @Mixin
    private DeviceOption device;

    /** The bundle itself (manifest and weights), without loading an engine. */
    public ModelBundle readBundle() {
        return model == null ? BundledModel.read() : ModelBundle.read(model);
    }

    /**
     * The bundle's file as stored (zip bytes), checked to be a readable bundle: what a distributed run sends
     * to its executors, which load it themselves.
     */
    public byte[] readBundleBytes() {
        if (model == null) {
            return BundledModel.bytes();
        }
        ModelBundle.read(model);
        try {
            return Files.readAllBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the model bundle " + model + ": " + e.getMessage(), e);
        }
    }

    /** Loads the model with the backend that wrote it, on the requested device (or the CPU when it has no GPU). */
    public Classifier load(PrintWriter err) {
        if (model != null && Models.importerFor(model).isPresent()) {
            return Models.load(model); // imported models (ONNX) run on the CPU
        }
        if (model != null && model.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            throw new ModelUnavailableException("Model " + model + " is an ONNX file, which needs the optional "
                    + "covid-onnx module on the class path: build it once with './mvnw -B -DskipTests package -pl "
                    + "covid-onnx -am' (the ./covid launcher then adds it, and builds it itself the first time a "
                    + "'.onnx' file is named), or add org.covidxray:covid-onnx to your class path (docs/engines.md).");
        }
        ModelBundle bundle = readBundle();
        DeviceType type = DeviceType.CPU;
        if (!device.requested().equalsIgnoreCase("cpu")) {
            try {
                type = device.choose(Backends.get(bundle.manifest().backend()), err).type();
            } catch (BackendUnavailableException e) {
                // Models.load names the backend the bundle needs and what is on the class path
                type = DeviceType.CPU;
            }
        }
        return Models.load(bundle, type);
    }

    /** How messages name the model. */
    public String describe() {
        return model == null ? "the bundled model" : model.toString();
    }
}
