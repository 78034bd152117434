package org.covidxray.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.covidxray.examples.common.UserException;
import org.junit.jupiter.api.Test;

/** The benchmark's options: defaults, values, and a clear error that names a wrong option. */
class EngineBenchmarkOptionsTest {
    private static final PrintWriter OUT = new PrintWriter(new StringWriter());

    @Test
    void defaultsAreTheIssuesSettings() {
        EngineBenchmark.Options o = EngineBenchmark.Options.parse(new String[0], OUT);
        assertThat(o.engine.backendName()).isEqualTo("djl");
        assertThat(o.engine.requestedDevice()).isEqualTo("cpu");
        assertThat(o.training.imageSize()).isEqualTo(224);
        assertThat(o.training.batchSize()).isEqualTo(32);
        assertThat(o.bench.predictions()).isEqualTo(5000);
        assertThat(o.dumpTensors).isNull();
        assertThat(o.resultJson).isNull();
    }

    @Test
    void readsEveryOption() {
        EngineBenchmark.Options o = EngineBenchmark.Options.parse(new String[] {"--backend", "dl4j", "--size", "128",
            "--batch", "16", "--images", "x/train", "--count", "64", "--train-steps", "3", "--latency-runs", "10",
            "--predictions", "20", "--warmup-steps", "20", "--dump-tensors", "t.f32", "--result-json", "r.json"}, OUT);
        assertThat(o.engine.backendName()).isEqualTo("dl4j");
        assertThat(o.training.imageSize()).isEqualTo(128);
        assertThat(o.training.batchSize()).isEqualTo(16);
        assertThat(o.bench.images()).isEqualTo(Path.of("x/train"));
        assertThat(o.bench.count()).isEqualTo(64);
        assertThat(o.bench.trainSteps()).isEqualTo(3);
        assertThat(o.bench.warmupSteps()).isEqualTo(20);
        // the engine comparison hands the options on to its child benchmark JVMs
        assertThat(String.join(" ", o.bench.arguments())).contains("--train-steps 3 --warmup-steps 20 ");
        assertThat(o.bench.latencyRuns()).isEqualTo(10);
        assertThat(o.bench.predictions()).isEqualTo(20);
        assertThat(o.dumpTensors).isEqualTo(Path.of("t.f32"));
        assertThat(o.resultJson).isEqualTo(Path.of("r.json"));
    }

    @Test
    void warmupStepsDefaultToThreeAndMustNotBeNegative() {
        assertThat(EngineBenchmark.Options.parse(new String[0], OUT).bench.warmupSteps()).isEqualTo(3);
        EngineBenchmark.Options negative = EngineBenchmark.Options.parse(new String[] {"--warmup-steps", "-1"}, OUT);
        assertThatThrownBy(() -> negative.bench.warmupSteps()).isInstanceOf(UserException.class)
                .hasMessageContaining("--warmup-steps -1");
    }

    @Test
    void theSharedNamesWorkBesideTheOldOnes() {
        EngineBenchmark.Options o = EngineBenchmark.Options.parse(new String[] {"--image-size", "96", "--batch-size",
            "8"}, OUT);
        assertThat(o.training.imageSize()).isEqualTo(96);
        assertThat(o.training.batchSize()).isEqualTo(8);
    }

    @Test
    void helpPrintsUsageInsteadOfRunning() {
        StringWriter help = new StringWriter();
        assertThat(EngineBenchmark.Options.parse(new String[] {"--help"}, new PrintWriter(help))).isNull();
        assertThat(help.toString()).contains("--size, --image-size").contains("--batch, --batch-size");
    }

    @Test
    void wrongOptionsAreNamed() {
        assertThatThrownBy(() -> EngineBenchmark.Options.parse(new String[] {"--sise", "128"}, OUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sise");
        assertThatThrownBy(() -> EngineBenchmark.Options.parse(new String[] {"--size", "big"}, OUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--image-size");
    }
}
