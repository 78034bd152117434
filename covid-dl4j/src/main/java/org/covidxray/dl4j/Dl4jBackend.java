package org.covidxray.dl4j;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.covidxray.engine.Backend;
import org.covidxray.engine.BackendUnavailableException;
import org.covidxray.engine.Device;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.GpuStatus;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelFormatException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The {@code dl4j} backend: Deeplearning4j 1.0.0-M2.1 on ND4J's CPU backend ({@code nd4j-native}) or,
 * when built with {@code -Pcuda} and CUDA can run here, its CUDA 11.6 backend ({@link Dl4jGpuProbe} decides
 * before ND4J loads; without a usable GPU the same build runs on the CPU). The constructor loads no native code; ND4J
 * loads on the first call of {@link #unavailableReason()}, {@link #devices()} or a factory method.
 */
public final class Dl4jBackend implements Backend {
    public static final String NAME = "dl4j";
    /** The DL4J / ND4J release this module is built against. */
    public static final String DL4J_VERSION = "1.0.0-M2.1";

    /** Loads nothing; ND4J is initialised lazily. */
    public Dl4jBackend() {
        Dl4jEnvironment.presetProperties();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public String engineVersion() {
        return "Deeplearning4j " + DL4J_VERSION;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Dl4jEnvironment.loadFailure();
    }

    @Override
    public List<Device> devices() {
        if (unavailableReason().isPresent()) {
            return List.of(Device.cpu());
        }
        return Dl4jGpuProbe.INSTANCE.gpuStatus().devices();
    }

    @Override
    public GpuStatus gpuStatus() {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            return GpuStatus.unusable("ND4J could not be loaded: " + reason.get());
        }
        return Dl4jGpuProbe.INSTANCE.gpuStatus();
    }

    /** Why a spec with source-adversarial training is refused; it names the option and the backend that has it. */
    static final String ADVERSARIAL_REFUSAL = "Source-adversarial training (--adversarial-weight above 0) is not "
            + "available on the dl4j backend; use the DJL backend (--backend djl) or leave the option at 0.";

    @Override
    public TrainableNetwork createNetwork(NetworkSpec spec) {
        if (spec.config().adversarial()) {
            throw new IllegalArgumentException(ADVERSARIAL_REFUSAL);
        }
        requireUsable(spec.device());
        return new Dl4jTrainableNetwork(spec);
    }

    @Override
    public Classifier load(ModelBundle bundle, Device device) {
        bundle.requireBackend(NAME);
        requireUsable(device);
        String where = "Model file " + bundle.source();
        if (!Dl4jWeights.FORMAT.equals(bundle.manifest().weightsFormat())) {
            throw new ModelFormatException(where + " has weights in format '" + bundle.manifest().weightsFormat()
                    + "'; the dl4j backend reads '" + Dl4jWeights.FORMAT + "'.");
        }
        MultiLayerNetwork network;
        try {
            network = Dl4jWeights.read(bundle.weights());
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(where + " has corrupt DL4J weights (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). Re-save or retrain the model.", e);
        }
        int classes = bundle.manifest().classNames().size();
        long outputs = Dl4jNetworkBuilder.outputCount(network);
        if (outputs != classes) {
            network.close();
            throw new ModelFormatException(where + ": the network has " + outputs + " outputs but the manifest lists "
                    + classes + " classes " + bundle.manifest().classNames() + ".");
        }
        Architecture architecture = bundle.manifest().architecture();
        if (architecture != null) {
            long expected = architecture.trainableParameterCount(classes);
            long actual = Dl4jNetworkBuilder.trainableParameterCount(network);
            if (expected != actual) {
                network.close();
                throw new ModelFormatException(where + ": the network has " + actual + " trainable parameters but "
                        + "the manifest's architecture '" + architecture.name() + "' has " + expected + ".");
            }
        }
        return new Dl4jClassifier(bundle.manifest(), network, bundle.weights());
    }

    private void requireUsable(Device device) {
        unavailableReason().ifPresent(reason -> {
            throw new BackendUnavailableException(reason);
        });
        if (device.type() == DeviceType.GPU && !Dl4jGpuProbe.INSTANCE.gpuStatus().isUsable()) {
            throw new BackendUnavailableException("The dl4j backend has no GPU here: "
                    + Dl4jGpuProbe.INSTANCE.gpuStatus().reason() + ". Use the CPU (or --device auto).");
        }
    }
}
