package org.covidxray.onnx;

import java.nio.file.Path;
import java.util.Locale;
import org.covidxray.engine.ModelImporter;
import org.covidxray.model.Classifier;

/** Lets {@code Models.load} (and so {@code covid predict|serve|evaluate --model m.onnx}) read {@code .onnx} files with their sidecar. */
public final class OnnxImporter implements ModelImporter {

    @Override
    public String backend() {
        return OnnxBackend.NAME;
    }

    @Override
    public boolean accepts(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    @Override
    public Classifier load(Path file) {
        return OnnxClassifier.load(file);
    }
}
