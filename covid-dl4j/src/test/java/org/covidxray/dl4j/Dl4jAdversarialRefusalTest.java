package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.covidxray.engine.Device;
import org.covidxray.engine.NetworkSpec;
import org.covidxray.model.Architecture;
import org.covidxray.model.TrainingConfig;
import org.junit.jupiter.api.Test;

/** DL4J has no source-adversarial training: it says so, naming the option and the backend that has it. */
class Dl4jAdversarialRefusalTest {

    @Test
    void anAdversarialSpecIsRefusedWithTheOptionAndTheDjlBackendNamed() {
        NetworkSpec spec = new NetworkSpec(new Architecture("t", 16, 1, List.of(4), false, 0), List.of("a", "b"),
                TrainingConfig.builder().optAdversarialWeight(0.3).build(), null, Device.cpu(), List.of("x", "y"));
        Dl4jBackend backend = new Dl4jBackend();
        assertThat(backend.supportsAdversarialTraining()).isFalse();
        assertThatThrownBy(() -> backend.createNetwork(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--adversarial-weight").hasMessageContaining("--backend djl");
    }
}
