package org.covidxray.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.covidxray.report.EvaluationReport;
import org.junit.jupiter.api.Test;

class BatchScoresTest {
    private static final List<String> CLASSES = List.of("covid", "normal");

    private static BatchRow row(String path, String label, String patient, double pCovid) {
        return new BatchRow(path, label, patient, pCovid >= 0.5 ? "covid" : "normal", new double[] {pCovid, 1 - pCovid},
                "inside", 1.0, null, null);
    }

    @Test
    void onlyLabelledPredictedRowsAreScoredAndPatientsFallBackToThePath() {
        BatchScores scores = new BatchScores(CLASSES);
        scores.add(row("a", "covid", "P1", 0.9));
        scores.add(row("b", "covid", "P1", 0.7));
        scores.add(row("c", "normal", null, 0.2));
        scores.add(row("d", "normal", null, 0.6));
        scores.add(row("e", null, null, 0.6));
        scores.add(BatchRow.failed(new BatchImage("f", "covid", null), BatchRow.UNREADABLE, "broken"));
        assertThat(scores.size()).isEqualTo(4);
        assertThat(scores.unlabelled()).isEqualTo(1);
        assertThat(scores.failed()).isEqualTo(1);
        EvaluationReport report = scores.report("covid", 0.5, 1);
        assertThat(report.images()).isEqualTo(4);
        assertThat(report.patients()).isEqualTo(3);
        assertThat(report.accuracy().estimate()).isEqualTo(0.75);
    }

    @Test
    void aLabelThatIsNoClassAndNothingToScoreAreClearErrors() {
        BatchScores scores = new BatchScores(CLASSES);
        assertThatThrownBy(() -> scores.report("covid", 0.5, 1)).isInstanceOf(BatchException.class)
                .hasMessageContaining("no labelled, predicted image");
        assertThatThrownBy(() -> scores.add(row("x.png", "COVID-19", null, 0.5))).isInstanceOf(BatchException.class)
                .hasMessageContaining("x.png").hasMessageContaining("'COVID-19'");
    }
}
