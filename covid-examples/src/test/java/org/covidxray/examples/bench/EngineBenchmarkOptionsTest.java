package org.covidxray.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmark's options: defaults, values, and a clear error that names a wrong option. */
class EngineBenchmarkOptionsTest {

    @Test
    void defaultsAreTheIssuesSettings() {
        EngineBenchmark.Options o = EngineBenchmark.Options.parse(new String[0]);
        assertThat(o.backend).isEqualTo("djl");
        assertThat(o.size).isEqualTo(224);
        assertThat(o.batch).isEqualTo(32);
        assertThat(o.predictions).isEqualTo(5000);
        assertThat(o.dumpTensors).isNull();
    }

    @Test
    void readsEveryOption() {
        EngineBenchmark.Options o = EngineBenchmark.Options.parse(new String[] {"--backend", "dl4j", "--size", "128",
            "--batch", "16", "--images", "x/train", "--count", "64", "--train-steps", "3", "--latency-runs", "10",
            "--predictions", "20", "--dump-tensors", "t.f32"});
        assertThat(o.backend).isEqualTo("dl4j");
        assertThat(o.size).isEqualTo(128);
        assertThat(o.batch).isEqualTo(16);
        assertThat(o.images).isEqualTo(Path.of("x/train"));
        assertThat(o.count).isEqualTo(64);
        assertThat(o.trainSteps).isEqualTo(3);
        assertThat(o.latencyRuns).isEqualTo(10);
        assertThat(o.predictions).isEqualTo(20);
        assertThat(o.dumpTensors).isEqualTo(Path.of("t.f32"));
    }

    @Test
    void helpPrintsUsageInsteadOfRunning() {
        assertThat(EngineBenchmark.Options.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void wrongOptionsAreNamed() {
        assertThatThrownBy(() -> EngineBenchmark.Options.parse(new String[] {"--sise", "128"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sise");
        assertThatThrownBy(() -> EngineBenchmark.Options.parse(new String[] {"--size", "big"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--size");
    }
}
