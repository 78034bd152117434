package org.covidxray.testing;

import java.util.List;
import java.util.Optional;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;

/**
 * A pure-Java stand-in engine for core tests: a multinomial logistic regression on 4x4 average-pooled
 * pixels, trained with plain SGD. It learns for real (so training-loop tests are meaningful), but it
 * is not the {@link org.covidxray.engine.Architecture}; it reports the architecture's parameter count
 * so that the loop's check passes. Registered in test resources under the name {@code fake}.
 */
public final class FakeBackend implements Backend {
    public static final String NAME = "fake";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return -100;
    }

    @Override
    public String engineVersion() {
        return "fake 1.0";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public List<Device> devices() {
        return List.of(Device.cpu());
    }

    @Override
    public TrainableNetwork createNetwork(NetworkSpec spec) {
        return new FakeNetwork(spec);
    }

    @Override
    public Classifier load(ModelBundle bundle, Device device) {
        bundle.requireBackend(NAME);
        FakeNetwork.Weights weights = FakeNetwork.Weights.decode(bundle.weights());
        if (weights.classes != bundle.manifest().classNames().size()) {
            throw new org.covidxray.model.ModelFormatException("the weights have " + weights.classes
                    + " outputs but the manifest lists " + bundle.manifest().classNames().size() + " classes");
        }
        return new FakeClassifier(bundle.manifest(), weights);
    }
}
