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
 * is not the {@link org.covidxray.model.Architecture}; it reports the architecture's parameter count
 * so that the loop's check passes. Registered in test resources under the name {@code fake}.
 *
 * <p>{@link #withValidationScript} and {@link #divergingAtStep} make networks whose validation results
 * or losses a test dictates, so that the loop's rules (best epoch, early stopping, divergence) can be
 * checked against a known sequence instead of whatever the data happens to give.
 */
public final class FakeBackend implements Backend {
    public static final String NAME = "fake";

    private final FakeNetwork.Script script;

    /** The plain fake, as the service loader creates it. */
    public FakeBackend() {
        this(FakeNetwork.Script.NONE);
    }

    private FakeBackend(FakeNetwork.Script script) {
        this.script = script;
    }

    /**
     * A fake whose networks, when validated after their n-th epoch, give every image's true class the
     * probability {@code trueClassProbability[n-1]} (the last value for later epochs) and share the rest
     * evenly. With two classes a value above 0.5 gives AUC 1, 0.5 gives AUC 0.5 and below 0.5 AUC 0; the
     * validation loss is minus its logarithm. Training itself is the plain fake's.
     */
    public static FakeBackend withValidationScript(double... trueClassProbability) {
        return new FakeBackend(new FakeNetwork.Script(trueClassProbability.clone(), 0));
    }

    /** A fake whose networks report a NaN loss from their {@code step}-th training step on (1-based). */
    public static FakeBackend divergingAtStep(int step) {
        return new FakeBackend(new FakeNetwork.Script(null, step));
    }

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
        return new FakeNetwork(spec, script);
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
