package org.covidxray.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.model.DecisionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCsvTest {
    private static final List<String> CLASSES = List.of("covid", "normal");

    @TempDir
    Path dir;

    private final List<BatchRow> rows = List.of(
            new BatchRow("a, b.png", "covid", "P1", "covid", new double[] {0.75, 0.25}, "inside", 1.5, "LL", null),
            new BatchRow("e.dcm", null, null, "normal", new double[] {0.25, 0.75}, "inside", 1.0, null, null),
            BatchRow.failed(new BatchImage("c.png", null, null), BatchRow.UNREADABLE, "Image c.png is \"corrupt\""));

    @Test
    void writesTheDocumentedColumnsAndReadsThemBack() throws IOException {
        Path file = dir.resolve("out/p.csv");
        BatchCsv.write(file, CLASSES, DecisionRule.threshold("covid", 0.3, "youden"), rows);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("path,label,patient,predicted,p_covid,p_normal,decision,gate,"
                + "feature_distance,view,error");
        assertThat(lines.get(1)).isEqualTo("\"a, b.png\",covid,P1,covid,0.75000000,0.25000000,P(covid)>=0.300000,"
                + "inside,1.50000000,LL,");
        assertThat(BatchCsv.read(file)).extracting(BatchRow::lateral).containsExactly(true, false, false);
        assertThat(BatchCsv.read(file)).isEqualTo(rows);
        assertThat(BatchComparison.of(rows, BatchCsv.read(file)).agrees(0)).isTrue();
    }

    @Test
    void aFailingRunLeavesThePreviousFileAsItWas() throws IOException {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> BatchCsv.write(file, CLASSES, DecisionRule.argmax(), sink -> {
            sink.accept(rows.get(0));
            throw new IllegalStateException("engine died");
        })).hasMessageContaining("engine died");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void comparisonFindsMissingRowsAndDifferences() {
        List<BatchRow> other = List.of(
                new BatchRow("a, b.png", "covid", "P1", "covid", new double[] {0.7500004, 0.2499996}, "inside", 1.5,
                        "LL", null),
                new BatchRow("d.png", null, null, "normal", new double[] {0.1, 0.9}, "inside", 1.0, null, null));
        BatchComparison c = BatchComparison.of(rows, other);
        assertThat(c.matched()).isEqualTo(1);
        assertThat(c.onlyInFirst()).containsExactly("e.dcm", "c.png");
        assertThat(c.onlyInSecond()).containsExactly("d.png");
        assertThat(c.maxProbabilityDifference()).isCloseTo(4e-7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.agrees(1e-6)).isFalse();
        assertThat(BatchComparison.of(rows.subList(0, 1), other.subList(0, 1)).agrees(1e-6)).isTrue();
        assertThat(BatchComparison.of(rows.subList(0, 1), other.subList(0, 1)).agrees(1e-7)).isFalse();
    }
}
