package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.image.AppearanceShift;
import org.covidxray.model.DecisionRule;
import org.covidxray.testing.FunctionClassifier;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookShiftEvaluatorTest {
    private static final List<String> CLASSES = List.of("normal", "pneumonia");

    /** 4 pneumonia then 4 normal images, P(pneumonia) = base + offset (offset per shift). */
    private static DatasetPredictions predictions(double offset) {
        double[] base = {0.9, 0.8, 0.7, 0.6, 0.5, 0.3, 0.2, 0.1};
        List<Sample> samples = new ArrayList<>();
        double[][] p = new double[base.length][];
        for (int i = 0; i < base.length; i++) {
            String label = i < 4 ? "pneumonia" : "normal";
            samples.add(new Sample("i" + i, Path.of("i" + i + ".png"), label, "p" + (i / 2), Map.of()));
            double q = Math.min(1, base[i] + offset);
            p[i] = new double[] {1 - q, q};
        }
        return new DatasetPredictions(CLASSES, samples, p, List.of());
    }

    @Test
    void everyShiftIsJudgedAtTheModelsValidationThresholdNotARechosenOne() {
        AppearanceShift brighter = AppearanceShift.parse("gamma0.6");
        // under the shift every probability rises by 0.25: the ranking (AUC) is the same, the threshold is not
        Function<AppearanceShift, DatasetPredictions> predict = s -> predictions(s.isIdentity() ? 0 : 0.25);
        LookShiftResults r = LookShiftEvaluator.evaluate(predict, DecisionRule.threshold("pneumonia", 0.55, "youden on validation"),
                List.of(brighter), EvaluationOptions.defaults(), "m", "test");
        assertThat(r.threshold()).isEqualTo(0.55);
        assertThat(r.thresholdSource()).isEqualTo("youden on validation");
        assertThat(r.positiveClass()).isEqualTo("pneumonia");
        assertThat(r.rows()).extracting(LookShiftResult::shift).containsExactly("none", "gamma0.6");
        LookShiftResult none = r.rows().get(0);
        LookShiftResult shifted = r.rows().get(1);
        assertThat(none.images()).isEqualTo(8);
        assertThat(none.patients()).isEqualTo(4);
        assertThat(none.sensitivity().successes()).isEqualTo(4);
        assertThat(none.specificity().successes()).isEqualTo(4);
        assertThat(none.meanDrift()).isZero();
        assertThat(shifted.auc().estimate()).isEqualTo(none.auc().estimate()).isEqualTo(1.0);
        // at 0.55 the shifted normals 0.75, 0.55 are now positive; a re-chosen threshold would keep specificity 1
        assertThat(shifted.specificity().successes()).isEqualTo(2);
        assertThat(shifted.specificity().trials()).isEqualTo(4);
        assertThat(shifted.specificity().interval().lower()).isLessThan(0.5);
        assertThat(shifted.sensitivity().successes()).isEqualTo(4);
        assertThat(shifted.meanDrift()).isCloseTo((0.1 + 0.2 + 0.25 * 6) / 8, within(1e-9));
        assertThat(shifted.auc().method()).contains("bootstrap");
        assertThat(shifted.changes()).isEqualTo("gamma=0.6");
    }

    @Test
    void predictsTheShiftedImagesWithTheClassifierAndItsRule(@TempDir Path dir) {
        Dataset images = SyntheticImages.write(dir, List.of("covid", "normal"), 3, 16, 1);
        FunctionClassifier mean = new FunctionClassifier(List.of("covid", "normal"), 16,
                DecisionRule.threshold("covid", 0.5, "validation"), t -> {
                    double s = 0;
                    for (float v : t.data()) {
                        s += v;
                    }
                    double p = 1 / (1 + Math.exp(-s / t.data().length));
                    return new double[] {p, 1 - p};
                });
        LookShiftResults r = LookShiftEvaluator.evaluate(mean, images,
                List.of(AppearanceShift.parse("gamma1.6"), AppearanceShift.parse("gamma0.6")), EvaluationOptions.defaults());
        assertThat(r.threshold()).isEqualTo(0.5);
        assertThat(r.thresholdSource()).isEqualTo("validation");
        assertThat(r.rows()).hasSize(3);
        // darker images lower the mean input, so P(covid) falls; brighter ones raise it
        assertThat(r.rows().get(1).meanDrift()).isLessThan(0);
        assertThat(r.rows().get(2).meanDrift()).isGreaterThan(0);
        assertThat(r.rows().get(1).images()).isEqualTo(6);
    }
}
