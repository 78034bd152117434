package org.covidxray.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.covidxray.io.Json;
import org.junit.jupiter.api.Test;

/** The source-adversarial weight is a training setting: stored with the others, off in older bundles. */
class TrainingConfigAdversarialTest {

    @Test
    void theWeightIsStoredAndReadBack() throws Exception {
        TrainingConfig config = TrainingConfig.builder().optAdversarialWeight(0.3).build();
        assertThat(config.adversarial()).isTrue();
        TrainingConfig read = Json.mapper().readValue(Json.write(config), TrainingConfig.class);
        assertThat(read).isEqualTo(config);
        assertThat(read.adversarialWeight()).isEqualTo(0.3);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void settingsWrittenBeforeItExistedReadAsOff() throws Exception {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Json.write(TrainingConfig.builder().build()));
        json.remove("adversarialWeight");
        TrainingConfig read = Json.mapper().treeToValue(json, TrainingConfig.class);
        assertThat(read.adversarialWeight()).isZero();
        assertThat(read.adversarial()).isFalse();
        assertThat(read).isEqualTo(TrainingConfig.builder().build());
    }

    @Test
    void aNegativeWeightIsRefused() {
        assertThatThrownBy(() -> TrainingConfig.builder().optAdversarialWeight(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adversarial weight");
    }
}
