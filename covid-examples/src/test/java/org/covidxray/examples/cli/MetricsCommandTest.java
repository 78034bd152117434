package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
    @TempDir
    Path dir;

    /** 4 positives (scores .9 .8 .7 .3), 4 negatives (.6 .2 .1 .4): at 0.5 TP 3, FN 1, TN 3, FP 1; AUC 14/16. */
    private Path binaryCsv() throws Exception {
        return Files.writeString(dir.resolve("scores.csv"), """
                label,score
                1,0.9
                1,0.8
                1,0.7
                1,0.3
                0,0.6
                0,0.2
                0,0.1
                0,0.4
                """);
    }

    @Test
    void computesSensitivitySpecificityAndAucFromALabelAndScoreColumn() throws Exception {
        CliRun run = CliRun.of("metrics", "--json", "--csv", binaryCsv().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode e = Json.mapper().readTree(run.out()).path("evaluation");
        assertThat(e.path("positiveClass").asText()).isEqualTo("1");
        assertThat(e.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(e.path("binary").path("truePositives").asInt()).isEqualTo(3);
        assertThat(e.path("binary").path("falsePositives").asInt()).isEqualTo(1);
        assertThat(e.path("binaryIntervals").path("sensitivity").path("estimate").asDouble()).isEqualTo(0.75);
        assertThat(e.path("binaryIntervals").path("specificity").path("estimate").asDouble()).isEqualTo(0.75);
        assertThat(e.path("binaryIntervals").path("auc").path("estimate").asDouble()).isEqualTo(14.0 / 16);
        JsonNode auc = e.path("binaryIntervals").path("auc");
        assertThat(auc.path("lower").asDouble()).isLessThanOrEqualTo(auc.path("estimate").asDouble());
        assertThat(auc.path("upper").asDouble()).isGreaterThanOrEqualTo(auc.path("estimate").asDouble());
    }

    @Test
    void printsAReportWithIntervalsTheThresholdAndTheDisclaimer() throws Exception {
        CliRun run = CliRun.of("metrics", "--csv", binaryCsv().toString(), "--threshold", "0.25");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("precision", "recall", "f1-score", "support")
                .contains("threshold used: P(1) >= 0.250 (given on the command line)")
                .containsPattern("sensitivity\\s+1\\.000 \\[")
                .containsPattern("specificity\\s+0\\.500 \\[")
                .contains(Disclaimer.TEXT);
    }

    @Test
    void readsOneProbabilityColumnPerClassWithPatients() throws Exception {
        Path csv = Files.writeString(dir.resolve("p.csv"), """
                id,patient,label,p_covid,p_normal,p_pneumonia
                a,p1,covid,0.7,0.2,0.1
                b,p1,covid,0.6,0.3,0.1
                c,p2,normal,0.1,0.8,0.1
                d,p3,pneumonia,0.2,0.2,0.6
                e,p4,normal,0.5,0.4,0.1
                f,p5,pneumonia,0.1,0.3,0.6
                """);
        CliRun run = CliRun.of("metrics", "--json", "--csv", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode e = Json.mapper().readTree(run.out()).path("evaluation");
        assertThat(e.path("classNames").toString()).isEqualTo("[\"covid\",\"normal\",\"pneumonia\"]");
        assertThat(e.path("positiveClass").asText()).isEqualTo("covid");
        assertThat(e.path("patients").asInt()).isEqualTo(5);
        assertThat(e.path("binary").path("falsePositives").asInt()).as("e: P(covid) 0.5 >= 0.5").isEqualTo(1);
        assertThat(e.path("accuracy").path("method").asText()).contains("patients");
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThatExist() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "truth,prob\n1,0.3\n0,0.2\n");
        CliRun run = CliRun.of("metrics", "--csv", csv.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("no column 'label'").contains("[truth, prob]");
    }

    @Test
    void aNonNumericScoreNamesTheLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "label,score\n1,0.3\n0,oops\n");
        CliRun run = CliRun.of("metrics", "--csv", csv.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("line 3").contains("'oops' is not a number");
    }

    @Test
    void classNameLabelsNeedThePositiveClass() throws Exception {
        Path csv = Files.writeString(dir.resolve("names.csv"), "label,score\ncovid,0.9\nnormal,0.2\n");
        assertThat(CliRun.of("metrics", "--csv", csv.toString()).err()).contains("--positive");
        CliRun run = CliRun.of("metrics", "--csv", csv.toString(), "--positive", "covid");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }
}
