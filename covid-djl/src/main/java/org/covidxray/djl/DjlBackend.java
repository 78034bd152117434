package org.covidxray.djl;

import java.util.List;
import java.util.Optional;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import org.covidxray.engine.GpuStatus;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;

/**
 * The DJL/PyTorch backend ({@code djl}). Constructing it loads nothing; the PyTorch natives are loaded
 * on first use, offline, from the natives jar on the class path (see {@link DjlEnvironment} for the
 * settings applied first).
 */
public final class DjlBackend implements Backend {
    /** The backend's name in bundles and on the command line. */
    public static final String NAME = "djl";

    /** Creates the backend without loading native code. */
    public DjlBackend() {
        // natives load lazily in DjlEngine
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public String engineVersion() {
        DjlEnvironment.ensure();
        return DjlEngine.version();
    }

    @Override
    public Optional<String> unavailableReason() {
        DjlEnvironment.ensure();
        return Optional.ofNullable(DjlEngine.failure());
    }

    @Override
    public List<Device> devices() {
        DjlEnvironment.ensure();
        DjlEngine.get();
        return DjlGpuProbe.INSTANCE.gpuStatus().devices();
    }

    @Override
    public GpuStatus gpuStatus() {
        DjlEnvironment.ensure();
        return DjlGpuProbe.INSTANCE.gpuStatus();
    }

    @Override
    public boolean supportsAdversarialTraining() {
        return true;
    }

    @Override
    public TrainableNetwork createNetwork(NetworkSpec spec) {
        DjlEnvironment.ensure();
        return new DjlTrainableNetwork(spec);
    }

    @Override
    public Classifier load(ModelBundle bundle, Device device) {
        DjlEnvironment.ensure();
        bundle.requireBackend(NAME);
        DjlEngine.get(); // PyTorch loads with the natives DjlEngine chose, before any DJL model asks for it
        if (DjlTorchScriptClassifier.WEIGHTS_FORMAT.equals(bundle.manifest().weightsFormat())) {
            return DjlTorchScriptClassifier.fromBundle(bundle, device);
        }
        return DjlClassifier.load(bundle, device);
    }
}
