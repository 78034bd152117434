package org.covidxray.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.covidxray.io.Json;
import org.junit.jupiter.api.Test;

/** Metric results are records that the library's JSON writes with null for undefined values. */
class MetricsJsonTest {

    @Test
    void undefinedMetricsAreNullInJsonAndNanAgainWhenRead() throws Exception {
        BinaryMetrics m = BinaryMetrics.at(new int[] {0, 0, 0}, new double[] {0.2, 0.7, 0.9}, 0.5);

        JsonNode json = Json.mapper().readTree(Json.write(m));

        assertThat(json.get("sensitivity").isNull()).isTrue();
        assertThat(json.get("f1").isNull()).isTrue();
        assertThat(json.get("precision").asDouble()).isZero();
        BinaryMetrics back = Json.mapper().readValue(Json.write(m), BinaryMetrics.class);
        assertThat(back.sensitivity()).isNaN();
        assertThat(back.specificity()).isEqualTo(m.specificity());
    }

    @Test
    void nanInsideArraysIsNullToo() throws Exception {
        RocCurve roc = RocCurve.of(new int[] {1, 1}, new double[] {0.3, 0.6});

        String text = Json.write(roc);
        JsonNode json = Json.mapper().readTree(text);

        assertThat(json.get("fpr").get(0).isNull()).isTrue();
        assertThat(text).doesNotContain("NaN");
        RocCurve back = Json.mapper().readValue(text, RocCurve.class);
        assertThat(back.fpr()).containsOnly(Double.NaN);
        assertThat(back.tpr()).containsExactly(roc.tpr());
    }

    @Test
    void reportsAndIntervalsRoundTrip() throws Exception {
        List<String> names = List.of("a", "b", "c");
        ClassificationReport report = ClassificationReport.of(names, new int[] {0, 0, 1}, new int[] {0, 0, 0});
        ConfidenceInterval ci = WilsonInterval.of(3, 4);
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1}, new int[] {1, 1}, 2);

        assertThat(Json.mapper().readValue(Json.write(report), ClassificationReport.class).forClass("c").recall())
                .isNaN();
        assertThat(Json.mapper().readValue(Json.write(ci), ConfidenceInterval.class)).isEqualTo(ci);
        assertThat(Json.mapper().readValue(Json.write(cm), ConfusionMatrix.class)).isEqualTo(cm);
        assertThat(Json.mapper().readTree(Json.write(ci)).has("defined")).isFalse();
    }
}
