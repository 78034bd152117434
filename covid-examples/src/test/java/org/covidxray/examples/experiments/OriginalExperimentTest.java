package org.covidxray.examples.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginalExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void smokeRunOnTheOriginalImagesWritesEveryReportFileAndFlagsTheEighteenMislabelledImages() {
        Path seed50 = SharedData.require("seed-50");
        Path cohen = SharedData.require("cohen-covid-chestxray");
        Path out = tmp.resolve("original");

        ExperimentCli run = ExperimentCli.run("original", "--backend", "fake", "--out", out.toString(),
                "--data", seed50.toString(), "--cohen", cohen.toString(), "--image-size", "32", "--epochs", "1",
                "--folds", "2", "--repeats", "1", "--seed", "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("metrics.json")).exists();
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("image-split/metrics.json")).exists();
        assertThat(out.resolve("corrected/metrics.json")).exists();
        JsonNode json = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON));
        assertThat(json.get("experiment").asText()).isEqualTo("original");
        assertThat(json.get("command").asText()).startsWith("covid experiment original --backend fake");
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("machine").asText()).contains("/");
        assertThat(json.get("cores").asInt()).isPositive();
        assertThat(json.get("date").asText()).isNotBlank();
        assertThat(json.get("data").get(0).get("images").asInt()).isEqualTo(50);
        assertThat(json.get("data").get(0).get("fingerprint").asText()).startsWith("sha256:");
        JsonNode results = json.get("results");
        assertThat(results.get("labelFindings")).hasSize(18);
        assertThat(results.get("imageLevelSplit").get("rates").get("accuracy").get("trials").asInt()).isEqualTo(10);
        assertThat(results.get("imageLevelSplit").get("rates").get("accuracy").get("interval").get("method").asText())
                .isEqualTo("Wilson score");
        // every image is predicted once per repeat of the cross-validation
        assertThat(results.get("patientDisjointCv").get("repeats").get(0).get("accuracy").get("trials").asInt())
                .isEqualTo(50);
        assertThat(results.get("correctedCv").get("repeats").get(0).get("accuracy").get("trials").asInt())
                .isEqualTo(32);
        // the recovered patients: Cohen's patient 2 has four images, so there are fewer patients than images
        assertThat(json.get("data").get(1).get("patients").asInt()).isLessThan(50);
        String summary = ExperimentCli.text(out.resolve(ExperimentRun.SUMMARY_MD));
        assertThat(summary).contains("Research software, not a diagnostic device")
                .contains("covid experiment original").contains("18 suspicious labels")
                .contains("95% CI").contains("What these numbers can and cannot claim");
    }

    @Test
    void stemGroupsPanelsAndDaysOfOneCase() {
        assertThat(SeedPatients.stem("lancet-case2a.jpg")).isEqualTo(SeedPatients.stem("lancet-case2b.jpg"));
        assertThat(SeedPatients.stem("ryct.2020200034.fig5-day0.jpg"))
                .isEqualTo(SeedPatients.stem("ryct.2020200034.fig5-day7.jpg"));
        assertThat(SeedPatients.stem("nejmc2001573_f1a.jpg")).isEqualTo("nejmc2001573_f1");
        assertThat(SeedPatients.stem("radiol.2020200490.fig3.jpg")).isNotEqualTo(SeedPatients.stem("radiol.2020200490.fig4.jpg"));
    }
}
