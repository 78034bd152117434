package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.OutputKind;
import org.covidxray.testing.FunctionClassifier;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A multi-label model evaluated label by label, each at its own threshold; hand-computed counts. */
class LabelEvaluationTest {
    private static final List<String> LABELS = List.of("Pneumonia", "COVID-19", "Nodule");

    @Test
    void eachLabelIsScoredAgainstTheImagesOfItsClass() {
        // truth: 2 pneumonia, 2 covid, 2 normal (a class the model has no label for: negatives for every label)
        String[] truth = {"pneumonia", "pneumonia", "COVID-19", "COVID-19", "normal", "normal"};
        double[][] scores = {
            {0.9, 0.2, 0.1}, {0.4, 0.3, 0.1}, {0.6, 0.8, 0.1}, {0.2, 0.9, 0.1}, {0.1, 0.1, 0.1}, {0.3, 0.7, 0.1}};
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            samples.add(new Sample("i" + i, Path.of("i" + i + ".png"), truth[i], "p" + i, Map.of()));
        }
        DatasetPredictions p = new DatasetPredictions(LABELS, samples, scores, List.of());
        DecisionRule rule = DecisionRule.perLabel(LABELS, Map.of("COVID-19", 0.75), "test");
        LabelEvaluation e = LabelEvaluation.of(p, rule);

        assertThat(e.images()).isEqualTo(6);
        assertThat(e.unmatchedLabels()).containsExactly("Nodule");
        assertThat(e.labels()).extracting(LabelEvaluation.LabelResult::label).containsExactly("Pneumonia", "COVID-19");
        LabelEvaluation.LabelResult pneumonia = e.labels().get(0);
        assertThat(pneumonia.dataClass()).isEqualTo("pneumonia");
        assertThat(pneumonia.positives()).isEqualTo(2);
        assertThat(pneumonia.negatives()).isEqualTo(4);
        // positives 0.9, 0.4 against negatives 0.6, 0.2, 0.1, 0.3: 4 + 3 of 8 pairs ranked right
        assertThat(pneumonia.auc()).isEqualTo(7.0 / 8);
        // at 0.5: 0.9 found, 0.4 missed; 0.6 a false positive
        assertThat(pneumonia.rates().sensitivity().successes()).isEqualTo(1);
        assertThat(pneumonia.rates().specificity().successes()).isEqualTo(3);
        LabelEvaluation.LabelResult covid = e.labels().get(1);
        assertThat(covid.threshold()).isEqualTo(0.75);
        assertThat(covid.auc()).isEqualTo(1.0);
        // at 0.75: 0.8 and 0.9 found; 0.7 (normal) is below, so specificity 4/4
        assertThat(covid.rates().sensitivity().successes()).isEqualTo(2);
        assertThat(covid.rates().specificity().successes()).isEqualTo(4);
        assertThat(covid.text()).contains("AUC 1.000");
    }

    @Test
    void aSingleLabelModelIsNotEvaluatedPerLabelAndAMultiLabelOneNotAsSingleLabel(@TempDir Path dir) {
        DatasetPredictions p = new DatasetPredictions(List.of("a", "b"), List.of(), new double[0][], List.of());
        assertThatThrownBy(() -> LabelEvaluation.of(p, DecisionRule.argmax())).hasMessageContaining("multi-label");

        Dataset data = SyntheticImages.write(dir, List.of("Pneumonia", "normal"), 2, 16, 1);
        try (FunctionClassifier multi = new FunctionClassifier(LABELS, 16, null, OutputKind.SIGMOID,
                t -> new double[] {0.7, 0.1, 0.2})) {
            assertThatThrownBy(() -> Evaluator.evaluate(multi, data, EvaluationOptions.defaults()))
                    .isInstanceOf(EvaluationException.class).hasMessageContaining("label by label");
            LabelEvaluation e = Evaluator.evaluateLabels(multi, data, EvaluationOptions.defaults());
            assertThat(e.images()).isEqualTo(4);
            assertThat(e.labels()).singleElement().satisfies(r -> {
                assertThat(r.label()).isEqualTo("Pneumonia");
                assertThat(r.positives()).isEqualTo(2);
                assertThat(r.auc()).isEqualTo(0.5); // constant scores: ties
            });
        }
    }
}
