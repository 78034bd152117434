package org.covidxray.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.covidxray.data.DatasetSummary;
import org.covidxray.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final DatasetSummary DATA = ReportFixtures.data("seed-50 test split", "sha256:0123abcd");

    @TempDir
    Path dir;

    @Test
    void thePageAndTheJsonCarryThePerSourceRows() throws IOException {
        var rows = org.covidxray.metrics.SourceRates.of(List.of("nih", "nih", "mhh", "mhh"), new int[] {0, 0, 1, 1},
                new double[] {0.9, 0.1, 0.8, 0.2}, 0.5);
        EvaluationReport report = ReportFixtures.report().withSources(rows);
        WrittenReport written = new ReportWriter(400, 300).write(dir, report, (org.covidxray.model.TrainingHistory) null);
        String html = Files.readString(written.html());
        assertThat(html).contains("against the rest, by data source").contains("<td>nih</td>")
                .contains("0.500 [0.095, 0.905] (1/2)");
        var json = org.covidxray.io.Json.mapper().readTree(dir.resolve("metrics.json").toFile());
        assertThat(json.path("bySource")).hasSize(2);
        assertThat(json.path("bySource").get(0).path("source").asText()).isEqualTo("mhh");
        assertThat(json.path("bySource").get(0).path("specificity").path("interval").path("estimate").isNull())
                .as("undefined, never 0").isTrue();
    }

    @Test
    void writesChartsJsonAndOneSelfContainedPage() throws IOException {
        EvaluationReport report = ReportFixtures.report().withModel("tiny-cnn").withData(DATA)
                .withCommandLine("covid evaluate --model m.zip --data <seed-50>");

        WrittenReport written = new ReportWriter(400, 300).write(dir, report, ReportFixtures.history());

        assertThat(written.charts()).extracting(p -> p.getFileName().toString()).containsExactly(
                ReportWriter.CONFUSION_MATRIX_PNG, ReportWriter.ROC_PNG, ReportWriter.RELIABILITY_PNG,
                ReportWriter.TRAINING_CURVES_PNG);
        for (Path chart : written.charts()) {
            ChartsTest.assertDrawnPng(Files.readAllBytes(chart), 400, 300);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("only the report's files, no temporary leftovers")
                    .containsExactlyInAnyOrder("confusion-matrix.png", "roc.png", "reliability.png",
                            "training-curves.png", "metrics.json", "report.html");
        }

        String html = Files.readString(written.html());
        assertSelfContained(html);
        assertThat(countMatches(html, "src=\"data:image/png;base64,")).isEqualTo(4);
        assertThat(html).contains("Research software, not a diagnostic device")
                .contains("seed-50 test split").contains("sha256:0123abcd").contains("tiny-cnn").contains("normal: 3, pneumonia: 3, covid: 4")
                .contains("covid evaluate --model m.zip --data &lt;seed-50&gt;")
                .contains("covid against the rest, threshold 0.500")
                .contains("TP 3, FP 1, TN 5, FN 1")
                .contains("<td>sensitivity (recall)</td><td>0.750</td>")
                .contains("<td>specificity</td><td>0.833</td>")
                .contains("<td>accuracy (most probable class)</td><td>0.700</td>")
                .contains("Kept epoch 2 of 3").contains("95% confidence interval");
    }

    @Test
    void jsonHoldsTheNumbersAndNullForUndefined() throws IOException {
        // no pneumonia image: its recall and AUC are undefined
        int[] labels = {0, 0, 2, 2};
        double[][] p = {{0.8, 0.1, 0.1}, {0.3, 0.5, 0.2}, {0.2, 0.2, 0.6}, {0.6, 0.1, 0.3}};
        EvaluationReport report = EvaluationReport.compute(ReportFixtures.CLASSES, labels, p, null, "covid", 0.5, 1);

        WrittenReport written = new ReportWriter(300, 300).write(dir, report, (org.covidxray.model.TrainingHistory) null);

        JsonNode json = Json.mapper().readTree(written.json().toFile());
        assertThat(json.at("/binary/sensitivity").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/oneVsRestAuc/perClass/1").isNull()).isTrue();
        assertThat(json.at("/oneVsRestAuc/macro").isNull()).isTrue();
        assertThat(json.at("/classificationReport/classes/1/recall").isNull()).isTrue();
        assertThat(Files.readString(written.json())).doesNotContain("NaN");
        EvaluationReport back = Json.mapper().readValue(written.json().toFile(), EvaluationReport.class);
        assertThat(back.oneVsRestAuc().perClass().get(1)).isNaN();
        assertThat(back.binary()).isEqualTo(report.binary());

        String html = Files.readString(written.html());
        assertSelfContained(html);
        assertThat(written.charts()).hasSize(3);
        assertThat(withoutImages(html)).contains("n/a").doesNotContain("NaN").doesNotContain("Training curves");
    }

    static void assertSelfContained(String html) {
        assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
                .doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@import");
        Matcher refs = Pattern.compile("(?i)(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (refs.find()) {
            assertThat(refs.group(2)).as("every src/href is an inline data URI").startsWith("data:");
        }
    }

    /** The page without its base64 images, whose letters could spell anything. */
    private static String withoutImages(String html) {
        return html.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]*", "data:");
    }

    private static int countMatches(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
