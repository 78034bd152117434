package org.covidxray.examples.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineComparisonTest {

    private static EngineMeasurement m(String engine, double train, double p50, double rss) {
        return new EngineMeasurement(engine, train, p50, p50 * 1.5, train * 3, rss, 1.0);
    }

    @Test
    void mediansAreOfEachNumberSeparatelyAndSkipUnmeasured() {
        EngineMeasurement median = EngineComparison.median(List.of(m("a", 10, 5, 100), m("a", 30, 4, Double.NaN),
                m("a", 20, 9, 300)));

        assertThat(median.trainImagesPerSecond()).isEqualTo(20);
        assertThat(median.latencyP50Ms()).isEqualTo(5);
        assertThat(median.peakRssMb()).isEqualTo(200); // mean of the middle two of {100, 300}
        assertThat(EngineComparison.median(List.of(m("a", Double.NaN, 1, 1)), EngineMeasurement::trainImagesPerSecond))
                .isNaN();
    }

    @Test
    void ratiosAreCheckedAgainstTheIssueTargets() {
        Map<String, List<EngineMeasurement>> runs = new LinkedHashMap<>();
        runs.put("djl", List.of(m("DJL", 42.9, 4.06, 1306)));
        runs.put("dl4j", List.of(m("DL4J", 14.7, 27.6, 1806)));
        runs.put("reference", List.of(m("PyTorch", 48.4, 3.16, 936)));

        EngineComparison c = EngineComparison.of(224, runs);

        // the quiet-machine run of issue 14
        assertThat(c.targets()).extracting(EngineComparison.TargetCheck::verdict)
                .containsExactly("not met", "not met", "not met", "not met", "met");
        assertThat(c.targets().get(0).value()).isCloseTo(42.9 / 48.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.targets().get(3).value()).isCloseTo(27.6 / 4.06, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.allMet()).isFalse();
    }

    @Test
    void limitsThemselvesAreMet() {
        Map<String, List<EngineMeasurement>> runs = new LinkedHashMap<>();
        // training, DJL latency and RSS exactly on their limits
        runs.put("djl", List.of(m("DJL", 40, 2.2, 1000)));
        runs.put("dl4j", List.of(m("DL4J", 20, 6.0, 2048)));
        runs.put("reference", List.of(m("PyTorch", 40, 2.0, 900)));

        EngineComparison c = EngineComparison.of(128, runs);

        assertThat(c.targets()).allMatch(EngineComparison.TargetCheck::met);
        assertThat(c.allMet()).isTrue();
    }

    @Test
    void withoutTheReferenceItsRatiosAreNotApplicableAndNotMet() {
        Map<String, List<EngineMeasurement>> runs = new LinkedHashMap<>();
        runs.put("djl", List.of(m("DJL", 40, 2, 1000), m("DJL", 44, 2, 1000)));
        runs.put("dl4j", List.of(m("DL4J", 30, 3, 1500)));

        EngineComparison c = EngineComparison.of(224, runs);

        assertThat(c.targets()).extracting(EngineComparison.TargetCheck::verdict)
                .containsExactly("n/a", "n/a", "met", "met", "met");
        assertThat(c.allMet()).isFalse();
        assertThat(c.runs()).containsEntry("djl", 2);
        assertThat(c.medians().keySet()).containsExactly("djl", "dl4j");
        assertThat(c.mediansTable(32)).contains("| DJL | 2 | 42.0 |");
        assertThat(c.targetsTable("not a result (load 1.20)")).contains("| DL4J training / DJL | 0.71 | ≥ 0.5 | "
                + "not a result (load 1.20) |").doesNotContain("| met |");
    }
}
