package org.covidxray.engine;

import java.util.List;
import java.util.Optional;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;

/**
 * The engine SPI. An engine module registers one implementation in
 * {@code META-INF/services/org.covidxray.engine.Backend}; {@link Backends} finds it with
 * {@link java.util.ServiceLoader}. Training itself runs in core ({@code org.covidxray.training.TrainingLoop});
 * an engine builds networks and loads bundles.
 *
 * <p>Implementations must have a public no-argument constructor that does not load native code;
 * natives are loaded lazily by {@link #devices()}, {@link #unavailableReason()} or the factory methods.
 */
public interface Backend {

    /** Short lower-case name used on the command line and in bundles ({@code djl}, {@code dl4j}). */
    String name();

    /** Preference when the user does not choose: the highest rank among usable backends wins. */
    int rank();

    /** Version of the engine (e.g. "DJL 0.33.0 / PyTorch 2.5.1"). */
    String engineVersion();

    /** Why this backend cannot be used right now (natives failed to load...), or empty when it can. */
    Optional<String> unavailableReason();

    /** Devices usable right now; the CPU is always listed, a GPU only when the engine can really use it. */
    List<Device> devices();

    /**
     * Whether a GPU is usable and, when not, why ({@link DeviceSelector} turns it into a device and one
     * line). Engines answer from their {@link DeviceProbe}; the default derives it from {@link #devices()}.
     */
    default GpuStatus gpuStatus() {
        List<Device> gpus = devices().stream().filter(d -> d.type() == DeviceType.GPU).toList();
        return gpus.isEmpty() ? GpuStatus.notBuilt("backend " + name() + " lists no GPU")
                : GpuStatus.usable(gpus, gpus.size() + " GPU(s)");
    }

    /**
     * Whether {@link #createNetwork} builds networks at all; an inference-only engine (imported models)
     * answers false, so that tools which train on every engine (the engine comparison) leave it out.
     */
    default boolean supportsTraining() {
        return true;
    }

    /**
     * Whether {@link #createNetwork} accepts source-adversarial training
     * ({@code TrainingConfig.adversarialWeight() > 0}); a backend that does not refuses such a spec there. Lets
     * a program refuse the option before it reads any data.
     */
    default boolean supportsAdversarialTraining() {
        return false;
    }

    /** Builds a freshly initialised network for training. */
    TrainableNetwork createNetwork(NetworkSpec spec);

    /** Loads a classifier from a bundle written by this backend. */
    Classifier load(ModelBundle bundle, Device device);
}
