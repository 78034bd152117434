package org.covidxray.engine;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelFormatException;

/** Loads model bundles with the backend that wrote them. */
public final class Models {
    private Models() {
    }

    /**
     * Loads a model file on the CPU: a file a registered {@link ModelImporter} accepts (e.g. {@code .onnx} with
     * covid-onnx on the class path) through it, any other file as a bundle.
     */
    public static Classifier load(Path file) {
        Optional<ModelImporter> importer = importerFor(file);
        return importer.isPresent() ? importer.get().load(file) : load(ModelBundle.read(file), DeviceType.CPU);
    }

    /** The importer on the class path that reads {@code file}, if any. */
    public static Optional<ModelImporter> importerFor(Path file) {
        for (ModelImporter importer : ServiceLoader.load(ModelImporter.class, Models.class.getClassLoader())) {
            if (importer.accepts(file)) {
                return Optional.of(importer);
            }
        }
        return Optional.empty();
    }

    /** Loads a bundle on a device of the given type, with the backend named in its manifest. */
    public static Classifier load(ModelBundle bundle, DeviceType deviceType) {
        Backend backend;
        try {
            backend = Backends.get(bundle.manifest().backend());
        } catch (BackendUnavailableException e) {
            throw new ModelFormatException("Model file " + bundle.source() + " needs backend '"
                    + bundle.manifest().backend() + "': " + e.getMessage(), e);
        }
        Device device = Backends.device(backend, deviceType);
        try {
            return backend.load(bundle, device);
        } catch (RuntimeException e) {
            String where = String.valueOf(bundle.source());
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof ModelFormatException && message.contains(where)) {
                throw e;
            }
            throw new ModelFormatException("Model file " + where + " could not be loaded by backend '"
                    + backend.name() + "': " + message, e);
        }
    }
}
