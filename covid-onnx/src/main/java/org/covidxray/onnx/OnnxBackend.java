package org.covidxray.onnx;

import java.util.List;
import java.util.Optional;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;

/**
 * The ONNX Runtime backend ({@code onnx}): serves ONNX models exported from other tools, on the CPU, through
 * DJL's ONNX Runtime engine. Inference only: it cannot build or train a network. Its rank is the lowest, so
 * that it is never chosen for training when the user does not name a backend. Constructing it loads nothing.
 */
public final class OnnxBackend implements Backend {
    /** The backend's name in bundles and on the command line. */
    public static final String NAME = "onnx";

    /** Creates the backend without loading native code. */
    public OnnxBackend() {
        // natives load lazily in OnnxEngine
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 1;
    }

    @Override
    public String engineVersion() {
        return OnnxEngine.version();
    }

    @Override
    public Optional<String> unavailableReason() {
        OnnxEnvironment.ensure();
        return Optional.ofNullable(OnnxEngine.failure());
    }

    @Override
    public List<Device> devices() {
        OnnxEnvironment.ensure();
        return List.of(Device.cpu());
    }

    /** ONNX models here are imported for inference, never trained. */
    @Override
    public boolean supportsTraining() {
        return false;
    }

    /** Always refuses: ONNX models here are imported for inference, never trained. */
    @Override
    public TrainableNetwork createNetwork(NetworkSpec spec) {
        throw new UnsupportedOperationException("Backend 'onnx' runs imported ONNX models and cannot train. Train with "
                + "--engine djl or --engine dl4j, or train in PyTorch and export to ONNX (docs/engines.md).");
    }

    @Override
    public Classifier load(ModelBundle bundle, Device device) {
        bundle.requireBackend(NAME);
        return OnnxClassifier.fromBundle(bundle);
    }
}
