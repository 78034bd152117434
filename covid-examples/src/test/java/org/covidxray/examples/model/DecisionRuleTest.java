package org.covidxray.examples.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;
import org.junit.jupiter.api.Test;

class DecisionRuleTest {
    private static final List<String> CLASSES = List.of("covid", "normal", "pneumonia");

    private static ModelManifest manifest(Map<String, Object> card) {
        return new ModelManifest(1, "id", "fake", "1", "fake", null, CLASSES, PreprocessingConfig.defaults(32), null,
                "dev", "now", card);
    }

    private static Prediction p(double covid, double normal, double pneumonia) {
        return new Prediction(CLASSES, new double[] {covid, normal, pneumonia});
    }

    @Test
    void withoutACardEntryTheMostProbableClassWins() {
        DecisionRule rule = DecisionRule.of(manifest(Map.of()));
        assertThat(rule.isThreshold()).isFalse();
        assertThat(rule.decide(p(0.3, 0.5, 0.2))).isEqualTo("normal");
        assertThat(rule.toMap().get("threshold")).isNull();
    }

    @Test
    void aThresholdCallsThePositiveClassAtOrAboveItAndOtherwiseTheMostProbableOther() {
        DecisionRule rule = DecisionRule.of(manifest(Map.of(DecisionRule.CARD_KEY,
                Map.of("positiveClass", "covid", "threshold", 0.3, "method", "Youden"))));
        assertThat(rule.isThreshold()).isTrue();
        assertThat(rule.decide(p(0.30, 0.60, 0.10))).isEqualTo("covid");
        assertThat(rule.decide(p(0.29, 0.30, 0.41))).isEqualTo("pneumonia");
        assertThat(rule.decide(p(0.29, 0.41, 0.30))).isEqualTo("normal");
        assertThat(rule.describe()).contains("P(covid) >= 0.300").contains("Youden");
    }

    @Test
    void aCardNamingAnUnknownClassFallsBackToTheMostProbableClass() {
        DecisionRule rule = DecisionRule.of(manifest(Map.of(DecisionRule.CARD_KEY,
                Map.of("positiveClass", "tuberculosis", "threshold", 0.3))));
        assertThat(rule.isThreshold()).isFalse();
    }

    @Test
    void rejectsAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> new DecisionRule("covid", 1.5, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRuleSurvivesTheRoundTripThroughTheCard() {
        DecisionRule original = new DecisionRule("covid", 0.42, "Youden's J on the validation part");
        DecisionRule back = DecisionRule.of(manifest(Map.of(DecisionRule.CARD_KEY, original.toMap())));
        assertThat(back).isEqualTo(original);
    }
}
