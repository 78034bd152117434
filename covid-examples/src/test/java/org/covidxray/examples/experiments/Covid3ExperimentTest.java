package org.covidxray.examples.experiments;

import org.covidxray.examples.testing.TinyTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Covid3ExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void smokeRunWritesTheThreeClassReportSourceCheckSaliencyAndAdultSpecificity() {
        Path cohen = TinyTrees.cohen(tmp.resolve("cohen"), 16, 8, 8);
        Path kermany = TinyTrees.kermany(tmp.resolve("kermany"), 16);
        Path out = tmp.resolve("covid3");

        ExperimentCli run = ExperimentCli.run("covid3", "--backend", "fake", "--out", out.toString(),
                "--cohen", cohen.toString(), "--kermany", kermany.toString(), "--kermany-per-class", "12",
                "--image-size", "32", "--epochs", "1", "--val-fraction", "0.25", "--test-fraction", "0.25",
                "--saliency", "2", "--adult-negatives", "--equalize", "--center-crop");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("metrics.json")).exists();
        assertThat(out.resolve("source-check/metrics.json")).exists();
        JsonNode json = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON));
        assertThat(json.get("experiment").asText()).isEqualTo("covid3");
        assertThat(json.get("settings").get("adultNegatives").asBoolean()).isTrue();
        assertThat(json.get("settings").get("equalize").asBoolean()).isTrue();
        JsonNode results = json.get("results");
        assertThat(results.get("threeClass").get("classes")).hasSize(3);
        assertThat(results.get("threeClass").get("classes").get(0).get("className").asText()).isEqualTo("covid");
        assertThat(results.get("threeClass").get("classes").get(0).get("ppv").get("interval").get("method").asText())
                .isEqualTo("Wilson score");
        assertThat(results.get("sourceCheck").get("auc").has("lower")).isTrue();
        JsonNode adults = results.get("adultNonCovid");
        assertThat(adults.get("images").asInt()).isPositive();
        assertThat(adults.get("specificity").get("trials").asInt()).isEqualTo(adults.get("images").asInt());
        // the fake model may classify no COVID-19 image correctly in one epoch; when it does, overlays are written
        if (results.has("saliency")) {
            for (JsonNode e : results.get("saliency").get("entries")) {
                assertThat(out.resolve(e.get("file").asText())).exists();
            }
        }
        // with --adult-negatives the training part holds Cohen non-COVID images beside Cohen COVID-19 ones
        JsonNode training = null;
        for (JsonNode d : json.get("data")) {
            if (d.get("role").asText().startsWith("training part")) {
                training = d;
            }
        }
        assertThat(training).isNotNull();
        assertThat(training.get("imagesBySource").get("cohen").asInt())
                .isGreaterThan(training.get("imagesByClass").get("covid").asInt());
        assertThat(ExperimentCli.text(out.resolve(ExperimentRun.SUMMARY_MD)))
                .contains("COVID-Net").contains("Shortcut check").contains("Where the source cannot help");
    }
}
