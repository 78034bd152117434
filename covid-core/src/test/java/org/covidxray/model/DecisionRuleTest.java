package org.covidxray.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.covidxray.io.Json;
import org.junit.jupiter.api.Test;

class DecisionRuleTest {
    private static final List<String> CLASSES = List.of("covid", "normal", "pneumonia");

    private static Prediction p(DecisionRule rule, double covid, double normal, double pneumonia) {
        return new Prediction(CLASSES, new double[] {covid, normal, pneumonia}, rule);
    }

    @Test
    void theMostProbableClassWinsUnderArgmax() {
        DecisionRule rule = DecisionRule.argmax();
        assertThat(rule.hasThreshold()).isFalse();
        assertThat(p(rule, 0.3, 0.5, 0.2).predictedClass()).isEqualTo("normal");
        assertThat(rule.toMap().get("threshold")).isNull();
    }

    @Test
    void aThresholdCallsThePositiveClassAtOrAboveItAndOtherwiseTheMostProbableOther() {
        DecisionRule rule = DecisionRule.threshold("covid", 0.3, "Youden");
        assertThat(p(rule, 0.30, 0.60, 0.10).predictedClass()).isEqualTo("covid");
        assertThat(p(rule, 0.30, 0.60, 0.10).mostProbableClass()).isEqualTo("normal");
        assertThat(p(rule, 0.29, 0.30, 0.41).predictedClass()).isEqualTo("pneumonia");
        assertThat(p(rule, 0.29, 0.41, 0.30).predictedClass()).isEqualTo("normal");
        assertThat(rule.describe()).contains("P(covid) >= 0.300").contains("Youden");
    }

    @Test
    void rejectsAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> DecisionRule.threshold("covid", 1.5, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecisionRule.threshold("covid", Double.NaN, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesJson() throws Exception {
        DecisionRule rule = DecisionRule.threshold("covid", 0.42, "Youden's J on the validation part");
        String json = Json.write(rule);
        assertThat(json).doesNotContain("isThreshold");
        assertThat(Json.mapper().readValue(json, DecisionRule.class)).isEqualTo(rule);
        assertThat(Json.mapper().readValue(Json.write(DecisionRule.argmax()), DecisionRule.class))
                .isEqualTo(DecisionRule.argmax());
    }
}
