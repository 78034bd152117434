package org.covidxray.examples.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BundledModelTest {

    @Test
    void aBuildWithoutTheModelSaysHowToGetOne() {
        Assumptions.assumeFalse(BundledModel.present(), "skipped: this build carries a bundled model");
        assertThatThrownBy(BundledModel::read).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining(BundledModel.RESOURCE).hasMessageContaining("--model");
    }

    @Test
    void theBundledModelIsAReadableBundleWithACard() {
        Assumptions.assumeTrue(BundledModel.present(), "skipped: this build has no bundled model yet");
        var manifest = BundledModel.read().manifest();
        assertThat(manifest.classNames()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(manifest.provenance()).isNotNull();
    }
}
