package org.covidxray.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.io.Json;
import org.covidxray.testing.FunctionClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output kinds: softmax unchanged, logits through our softmax, sigmoid as independent per-label decisions. */
class MultiLabelPredictionTest {
    private static final List<String> LABELS = List.of("Atelectasis", "Effusion", "Pneumonia");

    @Test
    void logitsBecomeProbabilitiesThatSumToOne() {
        Prediction p = Prediction.of(OutputKind.LOGITS, List.of("a", "b"), new float[] {2f, 0f});
        assertThat(p.multiLabel()).isFalse();
        assertThat(p.probability("a")).isCloseTo(Math.exp(2) / (Math.exp(2) + 1), within(1e-9));
        assertThat(p.probability("a") + p.probability("b")).isCloseTo(1, within(1e-12));
        assertThat(p.predictedClass()).isEqualTo("a");
        // large logits must not overflow
        Prediction big = Prediction.of(OutputKind.LOGITS, List.of("a", "b"), new float[] {1000f, 999f});
        assertThat(big.probability("a")).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-9));
    }

    @Test
    void softmaxScoresAreKeptAsTheyAre() {
        Prediction p = Prediction.of(OutputKind.SOFTMAX, List.of("a", "b"), new float[] {0.25f, 0.75f});
        assertThat(p.probabilities()).containsExactly(0.25, 0.75);
        assertThat(p.rule()).isEqualTo(DecisionRule.argmax());
        assertThatThrownBy(() -> Prediction.of(OutputKind.SOFTMAX, List.of("a", "b"), new float[] {3f, -1f}))
                .hasMessageContaining("outside [0, 1]").hasMessageContaining("logits");
    }

    @Test
    void sigmoidScoresAreIndependentAndEachLabelHasItsOwnThreshold() {
        DecisionRule rule = DecisionRule.perLabel(LABELS, Map.of("Effusion", 0.8), "sidecar");
        Prediction raw = Prediction.of(OutputKind.SIGMOID, LABELS, new float[] {0.6f, 0.7f, 0.9f});
        assertThat(raw.multiLabel()).isTrue();
        // independent: 0.6 + 0.7 + 0.9 is not 1, and is not normalised
        assertThat(raw.probabilities()).containsExactly(0.6000000238418579, 0.699999988079071, 0.8999999761581421);
        assertThat(raw.presentLabels()).containsExactly("Atelectasis", "Effusion", "Pneumonia");
        Prediction decided = raw.withRule(rule);
        assertThat(decided.presentLabels()).containsExactly("Atelectasis", "Pneumonia");
        assertThat(decided.predictedClass()).isEqualTo("Atelectasis|Pneumonia");
        assertThat(Prediction.of(OutputKind.SIGMOID, LABELS, new float[] {0.1f, 0.2f, 0.3f}).presentLabels()).isEmpty();
        assertThat(rule.describe()).contains("do not sum to 1");
        assertThat(rule.toMap()).containsEntry("multiLabel", true).containsKey("labelThresholds");
    }

    @Test
    void singleAndMultiLabelRulesDoNotMix() {
        Prediction multi = Prediction.of(OutputKind.SIGMOID, LABELS, new float[] {0.6f, 0.7f, 0.9f});
        assertThatThrownBy(() -> multi.withRule(DecisionRule.argmax())).hasMessageContaining("multi-label");
        Prediction single = new Prediction(List.of("a", "b"), new double[] {0.4, 0.6});
        assertThatThrownBy(() -> single.withRule(DecisionRule.perLabel(List.of("a", "b"), Map.of(), null)))
                .hasMessageContaining("single-label");
        assertThatThrownBy(() -> DecisionRule.perLabel(LABELS, Map.of("Cardiomegaly", 0.3), null))
                .hasMessageContaining("Cardiomegaly");
        assertThatThrownBy(() -> DecisionRule.perLabel(LABELS, Map.of("Effusion", 1.5), null))
                .hasMessageContaining("Effusion").hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new Prediction(LABELS, new double[] {0.1, 2, 0.3},
                DecisionRule.perLabel(LABELS, Map.of(), null))).hasMessageContaining("Effusion");
    }

    @Test
    void aSigmoidManifestIsDecidedPerLabelAndRoundTripsThroughABundle(@TempDir Path dir) {
        ModelManifest m = manifest(OutputKind.SIGMOID, DecisionRule.perLabel(LABELS, Map.of("Pneumonia", 0.3), "s"));
        assertThat(m.multiLabel()).isTrue();
        Path file = dir.resolve("m.zip");
        ModelBundle.write(file, m, new byte[] {1});
        ModelManifest back = ModelBundle.read(file).manifest();
        assertThat(back).isEqualTo(m);
        assertThat(Json.write(back)).contains("\"outputKind\" : \"sigmoid\"");
        // without a rule it gets thresholds of 0.5; a one-class threshold is refused
        assertThat(manifest(OutputKind.SIGMOID, null).decisionRule().labelThresholds())
                .containsOnlyKeys(LABELS).containsValue(0.5);
        assertThatThrownBy(() -> manifest(OutputKind.SIGMOID, DecisionRule.threshold("Effusion", 0.3, "x")))
                .hasMessageContaining("per label");
        assertThatThrownBy(() -> manifest(OutputKind.LOGITS, DecisionRule.perLabel(LABELS, Map.of(), null)))
                .hasMessageContaining("multi-label");
    }

    @Test
    void bundlesWithoutAnOutputKindAreSoftmax() {
        ModelManifest m = new ModelManifest(2, "id", "fake", "1", "x", null, List.of("a", "b"),
                PreprocessingConfig.defaults(16), null, "0", "now", null, null);
        assertThat(m.outputKind()).isEqualTo(OutputKind.SOFTMAX);
        assertThat(m.decisionRule().multiLabel()).isFalse();
        assertThat(OutputKind.fromCode(null)).isEqualTo(OutputKind.SOFTMAX);
        assertThatThrownBy(() -> OutputKind.fromCode("probits")).hasMessageContaining("softmax")
                .hasMessageContaining("sigmoid").hasMessageContaining("logits");
    }

    @Test
    void aClassifierAppliesItsPerLabelRule() {
        DecisionRule rule = DecisionRule.perLabel(LABELS, Map.of("Atelectasis", 0.95), "s");
        try (FunctionClassifier c = new FunctionClassifier(LABELS, 8, rule, OutputKind.SIGMOID,
                t -> new double[] {0.9, 0.9, 0.2})) {
            Prediction p = c.predict(new ImageTensor(new float[64], 1, 8, 8));
            assertThat(p.presentLabels()).containsExactly("Effusion");
        }
    }

    private static ModelManifest manifest(OutputKind kind, DecisionRule rule) {
        return new ModelManifest(2, "id", "fake", "1", "x", null, LABELS, PreprocessingConfig.defaults(16), null,
                "0", "now", null, rule, null, kind);
    }
}
