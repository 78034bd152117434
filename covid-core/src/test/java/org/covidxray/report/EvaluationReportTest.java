package org.covidxray.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.covidxray.data.DatasetSummary;
import org.covidxray.metrics.ConfidenceInterval;
import org.junit.jupiter.api.Test;

/** Expected numbers are counted by hand from {@link ReportFixtures}. */
class EvaluationReportTest {

    @Test
    void multiclassPartUsesTheMostProbableClass() {
        EvaluationReport r = ReportFixtures.report();

        assertThat(r.confusionMatrix().counts()).isDeepEqualTo(new int[][] {{2, 0, 1}, {1, 2, 0}, {1, 0, 3}});
        assertThat(r.accuracy().estimate()).isEqualTo(0.7);
        assertThat(r.classificationReport().forClass("covid").recall()).isEqualTo(0.75);
        assertThat(r.classificationReport().forClass("normal").precision()).isEqualTo(0.5);
        assertThat(r.images()).isEqualTo(10);
        assertThat(r.patients()).isEqualTo(7);
    }

    @Test
    void binaryPartThresholdsThePositiveClass() {
        EvaluationReport r = ReportFixtures.report();

        assertThat(r.binary().truePositives()).isEqualTo(3);
        assertThat(r.binary().falseNegatives()).isEqualTo(1);
        assertThat(r.binary().falsePositives()).isEqualTo(1);
        assertThat(r.binary().trueNegatives()).isEqualTo(5);
        assertThat(r.binaryIntervals().get("sensitivity").estimate()).isEqualTo(0.75);
        assertThat(r.binaryIntervals().get("specificity").estimate()).isEqualTo(5 / 6.0);
        // covid scores: positives 0.9 0.8 0.6 0.3; negatives 0.1 0.2 0.55 0.1 0.05 0.2 -> 23 of 24 pairs won (0.3 loses to 0.55)
        assertThat(r.binaryIntervals().get("auc").estimate()).isEqualTo(23 / 24.0);
        assertThat(r.oneVsRestAuc().of("covid")).isEqualTo(23 / 24.0);
        assertThat(r.rocCurves()).containsOnlyKeys("normal", "pneumonia", "covid");
    }

    @Test
    void intervalsResamplePatientsAndContainTheEstimate() {
        EvaluationReport r = ReportFixtures.report();

        assertThat(r.binaryIntervals()).containsOnlyKeys("accuracy", "sensitivity", "specificity", "precision",
                "npv", "f1", "auc", "averagePrecision");
        for (ConfidenceInterval ci : r.binaryIntervals().values()) {
            assertThat(ci.method()).isEqualTo("bootstrap percentile (patients)");
            assertThat(ci.level()).isEqualTo(0.95);
            assertThat(ci.lower()).isLessThanOrEqualTo(ci.estimate());
            assertThat(ci.upper()).isGreaterThanOrEqualTo(ci.estimate());
        }
        assertThat(r.macroAuc().resamples()).isEqualTo(2000);
    }

    @Test
    void sameSeedGivesTheSameReport() {
        assertThat(ReportFixtures.report()).isEqualTo(ReportFixtures.report());
        EvaluationReport other = EvaluationReport.compute(ReportFixtures.CLASSES, ReportFixtures.LABELS,
                ReportFixtures.PROBABILITIES, ReportFixtures.PATIENTS, "covid", 0.5, 43);
        assertThat(other.binaryIntervals()).isNotEqualTo(ReportFixtures.report().binaryIntervals());
    }

    @Test
    void withersKeepTheNumbers() {
        DatasetSummary data = ReportFixtures.data("fixture", "sha256:abc");
        EvaluationReport r = ReportFixtures.report().withModel("m1").withData(data).withCommandLine("covid evaluate");

        assertThat(r.modelName()).isEqualTo("m1");
        assertThat(r.data()).isEqualTo(data);
        assertThat(r.commandLine()).isEqualTo("covid evaluate");
        assertThat(r.binary()).isEqualTo(ReportFixtures.report().binary());
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> EvaluationReport.compute(ReportFixtures.CLASSES, ReportFixtures.LABELS,
                ReportFixtures.PROBABILITIES, null, "flu", 0.5, 1))
                .isInstanceOf(ReportException.class).hasMessageContaining("'flu'");
        assertThatThrownBy(() -> EvaluationReport.compute(List.of("a", "b"), ReportFixtures.LABELS,
                ReportFixtures.PROBABILITIES, null, "a", 0.5, 1))
                .isInstanceOf(ReportException.class).hasMessageContaining("2 class names");
    }
}
