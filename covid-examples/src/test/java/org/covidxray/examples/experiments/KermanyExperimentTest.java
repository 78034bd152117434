package org.covidxray.examples.experiments;

import org.covidxray.examples.testing.TinyTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KermanyExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void smokeRunHoldsOutPatientsChoosesTheThresholdOnValidationAndComparesWithThePaper() {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 16);
        Path out = tmp.resolve("kermany");

        ExperimentCli run = ExperimentCli.run("kermany", "--backend", "fake", "--out", out.toString(),
                "--train", tree.toString(), "--image-size", "32", "--epochs", "1", "--val-fraction", "0.25",
                "--test-fraction", "0.25", "--tta-shift", "0.05", "--ensemble", "2", "--class-weights", "balanced",
                "--augment", "--time-budget", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("metrics.json")).exists();
        assertThat(out.resolve("report.html")).exists();
        JsonNode json = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON));
        assertThat(json.get("trainingRuns").asInt()).isEqualTo(2);
        JsonNode test = json.get("results").get("test");
        assertThat(test.get("validationThreshold").get("rule").asText()).containsIgnoringCase("youden");
        double threshold = test.get("validationThreshold").get("threshold").asDouble();
        assertThat(test.get("atValidationThreshold").get("threshold").asDouble()).isEqualTo(threshold);
        assertThat(test.get("atValidationThreshold").get("accuracy").get("trials").asInt()).isEqualTo(8);
        assertThat(test.get("published").get("auc").asDouble()).isEqualTo(0.968);
        assertThat(ExperimentCli.text(out.resolve(ExperimentRun.SUMMARY_MD))).contains("Kermany et al. 2018")
                .contains("92.8%");
    }

    @Test
    void anExhaustedTimeBudgetStopsTrainingAfterTheFirstBatch() {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 16);
        Path out = tmp.resolve("kermany");

        ExperimentCli run = ExperimentCli.run("kermany", "--backend", "fake", "--out", out.toString(),
                "--train", tree.toString(), "--image-size", "32", "--epochs", "50", "--batch-size", "4",
                "--val-fraction", "0.25", "--test-fraction", "0.25", "--time-budget", "0.0000001");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode test = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON)).get("results").get("test");
        assertThat(test.get("budgetReached").asBoolean()).isTrue();
        assertThat(test.get("epochsRun").get(0).asInt()).isEqualTo(1);
    }
}
