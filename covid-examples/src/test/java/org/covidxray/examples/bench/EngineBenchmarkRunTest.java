package org.covidxray.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.covidxray.examples.testing.TinyTrees;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineBenchmarkRunTest {
    @TempDir
    Path tmp;

    @Test
    void runsTheWarmUpStepsItIsGivenAndSaysSo() throws Exception {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 4);
        StringWriter out = new StringWriter();
        EngineBenchmark.run(new String[] {"--backend", FakeBackend.NAME, "--images", tree.toString(), "--count", "8",
            "--size", "32", "--batch", "4", "--train-steps", "2", "--warmup-steps", "5", "--latency-runs", "2",
            "--predictions", "2"}, new PrintWriter(out));
        assertThat(out.toString()).contains("8 Kermany images, 32 px, batch 4, cnn4, 5 warm-up steps")
                .contains("train img/s").contains("(2 steps)");
    }
}
