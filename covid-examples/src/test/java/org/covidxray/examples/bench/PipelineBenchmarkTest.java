package org.covidxray.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.examples.CovidCommand;
import org.covidxray.examples.testing.TinyTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void ratiosAreOfEachEpochAndOfTheFirstEndToEndAgainstTheRawRate() {
        PipelineRates rates = new PipelineRates(List.of(50.0, 95.0), 25.0, 100.0, true);

        assertThat(rates.ratio(1)).isEqualTo(0.5);
        assertThat(rates.ratio(2)).isEqualTo(0.95);
        assertThat(PipelineRates.verdict(rates.ratio(1))).isEqualTo("not met");
        assertThat(PipelineRates.verdict(rates.ratio(2))).isEqualTo("met");
        assertThat(PipelineRates.verdict(0.9)).isEqualTo("met");
        assertThat(rates.toText()).contains("epoch 2 (loop's timing) 95.0 img/s  0.95x raw  met")
                .contains("epoch 1 end to end      25.0 img/s  0.25x raw  not met");
    }

    @Test
    void anUnmeasuredRawRateGivesNoVerdict() {
        PipelineRates rates = new PipelineRates(List.of(50.0, 60.0), Double.NaN, Double.NaN, false);

        assertThat(rates.ratio(1)).isNaN();
        assertThat(PipelineRates.verdict(rates.ratio(1))).isEqualTo("n/a");
        assertThat(rates.toText()).contains("[decoded again: cache too small]").doesNotContain("tensor cache]");
    }

    @Test
    void trainsThroughTheTrainingLoopOnAFakeEngineAndPrintsBothRates() {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 6);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = CovidCommand.execute(new PrintWriter(out), new PrintWriter(err), "benchmark", "pipeline",
                "--backend", "fake", "--data", tree.toString(), "--count", "8", "--image-size", "32",
                "--batch-size", "4", "--raw-steps", "2", "--cache-mb", "1");

        assertThat(code).as(err.toString()).isZero();
        // 4 of each class: two epochs of 8 images
        assertThat(out.toString()).contains("8 Kermany images").contains("2 epochs").contains("raw step rate")
                .contains("epoch 1 (loop's timing)").contains("epoch 2 (loop's timing)")
                .contains("[from the tensor cache]").contains("epoch 1 end to end");
    }
}
