package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.covidxray.io.Json;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;

class DatasetSummaryTest {

    private static Dataset small() {
        return new Dataset("small", List.of("covid", "normal", "pneumonia"), List.of(
                new Sample("a", Path.of("a"), "covid", "p1", Map.of(Sample.SOURCE, "cohen", Sample.VIEW, "PA")),
                new Sample("b", Path.of("b"), "covid", "p1", Map.of(Sample.SOURCE, "cohen", Sample.VIEW, "AP")),
                new Sample("c", Path.of("c"), "normal", "p2", Map.of(Sample.SOURCE, "kermany")),
                new Sample("d", Path.of("d"), null, "p3", Map.of())),
                List.of(new SkippedRow("metadata.csv row 9 (line 10)", "image file gone.jpg does not exist")));
    }

    @Test
    void countsByClassSourceViewAndPatients() {
        DatasetSummary summary = DatasetSummary.of(small());

        assertThat(summary.images()).isEqualTo(4);
        assertThat(summary.patients()).isEqualTo(3);
        assertThat(summary.imagesByClass()).containsExactly(Map.entry("covid", 2), Map.entry("normal", 1),
                Map.entry("pneumonia", 0));
        assertThat(summary.patientsByClass()).containsExactly(Map.entry("covid", 1), Map.entry("normal", 1),
                Map.entry("pneumonia", 0));
        assertThat(summary.imagesBySource()).containsExactly(Map.entry("(none)", 1), Map.entry("cohen", 2),
                Map.entry("kermany", 1));
        assertThat(summary.imagesByView()).containsExactly(Map.entry("(none)", 2), Map.entry("AP", 1),
                Map.entry("PA", 1));
        assertThat(summary.unlabelled()).isEqualTo(1);
        assertThat(summary.skipped()).hasSize(1);
    }

    @Test
    void textListsClassesAndEverySkippedRow() {
        String text = DatasetSummary.of(small()).toText();

        assertThat(text).contains("Data set small: 4 images, 3 patients")
                .containsPattern("covid\\s+2\\s+1")
                .contains("(unlabelled)")
                .contains("by source: (none)=1 cohen=2 kermany=1")
                .contains("skipped rows: 1")
                .contains("metadata.csv row 9 (line 10): image file gone.jpg does not exist");
    }

    @Test
    void jsonFormHasTheRecordFields() {
        String json = Json.write(DatasetSummary.of(small()));

        assertThat(json).contains("\"imagesByClass\"").contains("\"covid\" : 2").contains("\"skipped\"")
                .contains("\"fingerprint\"");
    }

    @Test
    void realCohenSummaryReportsItsDuplicateRows() {
        Dataset cohen = new CohenMetadataDataset().load(DatasetOptions.of(SharedData.require("cohen-covid-chestxray")));

        DatasetSummary summary = DatasetSummary.of(cohen);

        assertThat(summary.images()).isEqualTo(cohen.size());
        assertThat(summary.imagesByView().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(cohen.size());
        assertThat(summary.imagesBySource()).containsOnlyKeys("cohen");
        assertThat(summary.toText()).contains("skipped rows: 2");
    }
}
