package org.covidxray.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.examples.CovidCommand;
import org.covidxray.examples.common.ExitCodes;
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
    void mediansAreTakenFieldByFieldSoRatiosAreOfTheMedians() {
        PipelineRates a = new PipelineRates(List.of(50.0, 90.0), 40.0, 100.0, true);
        PipelineRates b = new PipelineRates(List.of(70.0, 80.0), 30.0, 80.0, true);
        PipelineRates c = new PipelineRates(List.of(60.0, 99.0), 35.0, 120.0, false);

        PipelineRates m = PipelineRates.medians(List.of(a, b, c));

        assertThat(m.epochImagesPerSecond()).containsExactly(60.0, 90.0);
        assertThat(m.firstEpochEndToEndImagesPerSecond()).isEqualTo(35.0);
        assertThat(m.rawImagesPerSecond()).isEqualTo(100.0);
        assertThat(m.ratio(2)).isEqualTo(0.9);
        assertThat(m.cached()).as("one run decoded again").isFalse();
        assertThat(PipelineRates.medians(List.of(a, b)).epochImagesPerSecond()).containsExactly(60.0, 85.0);
        assertThat(catchThrowable(() -> PipelineRates.medians(List.of(a,
                new PipelineRates(List.of(1.0), 1.0, 1.0, true))))).hasMessageContaining("different numbers of epochs");
    }

    @Test
    void trainsThroughTheTrainingLoopOnAFakeEngineAndPrintsBothRates() {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 6);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = CovidCommand.execute(new PrintWriter(out), new PrintWriter(err), "benchmark", "pipeline",
                "--backend", "fake", "--data", tree.toString(), "--count", "8", "--image-size", "32",
                "--batch-size", "4", "--raw-steps", "2", "--cache-mb", "1", "--repeats", "2", "--allow-load");

        assertThat(code).as(err.toString()).isZero();
        // 4 of each class: two epochs of 8 images, two repetitions, then the medians
        assertThat(out.toString()).contains("8 Kermany images").contains("2 epochs").contains("raw step rate")
                .contains("epoch 1 (loop's timing)").contains("epoch 2 (loop's timing)")
                .contains("[from the tensor cache]").contains("epoch 1 end to end")
                .contains("2 interleaved repetitions").contains("repetition 1 of 2").contains("repetition 2 of 2")
                .contains("=== medians of 2 repetitions");
        assertThat(out.toString().split("raw step rate", -1)).as("two runs and the medians").hasSize(4);
    }

    @Test
    void aCacheTooSmallForTheImagesIsReported() {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 6);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = CovidCommand.execute(new PrintWriter(out), new PrintWriter(err), "benchmark", "pipeline",
                "--backend", "fake", "--data", tree.toString(), "--count", "8", "--image-size", "32",
                "--batch-size", "4", "--raw-steps", "2", "--cache-mb", "0", "--repeats", "1", "--allow-load");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("[decoded again: cache too small]").doesNotContain("[from the tensor cache]")
                .contains("=== medians of 1 repetition" + System.lineSeparator());
    }

    @Test
    void aLoadAboveTheThresholdMakesTheMediansNotAResult() {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 6);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // no load average is ever below -1: the runs go through but the numbers must not be called a result
        int code = CovidCommand.execute(new PrintWriter(out), new PrintWriter(err), "benchmark", "pipeline",
                "--backend", "fake", "--data", tree.toString(), "--count", "8", "--image-size", "32",
                "--batch-size", "4", "--raw-steps", "2", "--repeats", "1", "--max-load", "-1",
                "--load-wait-seconds", "0");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.NOT_A_RESULT);
        assertThat(out.toString()).contains("=== medians of 1 repetition - not a result (load ")
                .contains("another process was competing");
    }
}
