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

    /**
     * Cohen's rows: 4 covid, 4 normal; the baseline ranks them with AUC 11/16, the other file 15/16. Two NIH
     * normal rows (the other file calls them covid) that {@code --source} leaves out. Rows in another order in
     * each file, matched by the image.
     */
    private Path[] pairedFiles() throws Exception {
        Path baseline = Files.writeString(dir.resolve("baseline.csv"), """
                file,patient,source,label,p_covid,p_normal
                c1.png,a,cohen,covid,0.6,0.4
                c2.png,b,cohen,covid,0.5,0.5
                c3.png,c,cohen,covid,0.4,0.6
                c4.png,d,cohen,covid,0.3,0.7
                n1.png,e,cohen,normal,0.55,0.45
                n2.png,f,cohen,normal,0.45,0.55
                n3.png,g,cohen,normal,0.2,0.8
                n4.png,h,cohen,normal,0.1,0.9
                x1.png,i,nih,normal,0.05,0.95
                x2.png,j,nih,normal,0.05,0.95
                """);
        Path other = Files.writeString(dir.resolve("other.csv"), """
                file,patient,source,label,p_covid,p_normal
                x2.png,j,nih,normal,0.95,0.05
                n4.png,h,cohen,normal,0.1,0.9
                n3.png,g,cohen,normal,0.2,0.8
                n2.png,f,cohen,normal,0.3,0.7
                n1.png,e,cohen,normal,0.65,0.35
                c4.png,d,cohen,covid,0.6,0.4
                c3.png,c,cohen,covid,0.7,0.3
                c2.png,b,cohen,covid,0.8,0.2
                c1.png,a,cohen,covid,0.9,0.1
                x1.png,i,nih,normal,0.95,0.05
                """);
        return new Path[] {baseline, other};
    }

    @Test
    void versusComparesTwoFilesAucsImageByImageOnTheSourcesNamed() throws Exception {
        Path[] files = pairedFiles();
        CliRun run = CliRun.of("metrics", "--json", "--csv", files[1].toString(), "--versus", files[0].toString(),
                "--source", "cohen", "--positive", "covid");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = Json.mapper().readTree(run.out());
        assertThat(doc.path("evaluation").path("images").asInt()).as("the NIH rows left out").isEqualTo(8);
        JsonNode c = doc.path("versus").path("comparison");
        assertThat(c.path("images").asInt()).isEqualTo(8);
        assertThat(c.path("positives").asInt()).isEqualTo(4);
        assertThat(c.path("first").path("estimate").asDouble()).isEqualTo(11.0 / 16);
        assertThat(c.path("second").path("estimate").asDouble()).isEqualTo(15.0 / 16);
        assertThat(c.path("difference").path("estimate").asDouble()).isEqualTo(4.0 / 16);
        assertThat(c.path("difference").path("method").asText()).contains("patients");
        assertThat(c.path("difference").path("lower").asDouble()).isLessThan(0.25);

        CliRun text = CliRun.of("metrics", "--csv", files[1].toString(), "--versus", files[0].toString(),
                "--source", "cohen", "--positive", "covid");
        assertThat(text.out()).contains("rows of source cohen")
                .contains("AUC of covid, baseline 0.688 (95% CI ")
                .contains("AUC of covid, this file 0.938 (95% CI ")
                .contains("difference (this - baseline) +0.250 (95% CI ")
                .contains(Disclaimer.TEXT);

        CliRun everything = CliRun.of("metrics", "--json", "--csv", files[1].toString(), "--versus",
                files[0].toString(), "--positive", "covid");
        JsonNode all = Json.mapper().readTree(everything.out()).path("versus").path("comparison");
        assertThat(all.path("images").asInt()).isEqualTo(10);
        assertThat(all.path("second").path("estimate").asDouble()).as("NIH's normals called covid count without "
                + "--source").isEqualTo(15.0 / 24);
    }

    @Test
    void versusRefusesFilesOfOtherImagesOrLabelsAndAnUnknownSource() throws Exception {
        Path[] files = pairedFiles();
        Path fewer = Files.writeString(dir.resolve("fewer.csv"), String.join("\n",
                Files.readAllLines(files[0]).subList(0, 9)) + "\n");
        CliRun missing = CliRun.of("metrics", "--csv", files[1].toString(), "--versus", fewer.toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("has 10 rows and").contains("fewer.csv 8").contains("same images");

        Path renamed = Files.writeString(dir.resolve("renamed.csv"), Files.readString(files[0])
                .replace("x1.png", "y1.png"));
        CliRun other = CliRun.of("metrics", "--csv", files[1].toString(), "--versus", renamed.toString());
        assertThat(other.exitCode()).isNotZero();
        assertThat(other.err()).contains("no row for image x1.png");

        Path relabelled = Files.writeString(dir.resolve("relabelled.csv"), Files.readString(files[0])
                .replace("c1.png,a,cohen,covid", "c1.png,a,cohen,normal"));
        CliRun label = CliRun.of("metrics", "--csv", files[1].toString(), "--versus", relabelled.toString());
        assertThat(label.exitCode()).isNotZero();
        assertThat(label.err()).contains("c1.png is labelled differently");

        CliRun unknown = CliRun.of("metrics", "--csv", files[1].toString(), "--source", "kermany");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("no row of source [kermany]");
    }
}
