package org.covidxray.engine;

import java.nio.file.Path;
import org.covidxray.model.Classifier;

/**
 * Loads a model file that is not a bundle (e.g. an {@code .onnx} file with its JSON sidecar), registered
 * like a backend in {@code META-INF/services/org.covidxray.engine.ModelImporter} by the module that can read
 * it. {@link Models#load(Path)} asks the importers before reading the file as a bundle, so that every program
 * that takes {@code --model FILE} also takes such files when the module is on the class path.
 */
public interface ModelImporter {

    /** The backend whose classifier this importer makes (e.g. {@code onnx}). */
    String backend();

    /** Whether this importer reads {@code file} (by its name; the file is not opened). */
    boolean accepts(Path file);

    /** Loads the file (with whatever describes it, e.g. a sidecar beside it) on the CPU. */
    Classifier load(Path file);
}
