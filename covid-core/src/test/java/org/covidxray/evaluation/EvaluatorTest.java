package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.metrics.SourceRates;
import org.covidxray.model.DecisionRule;
import org.covidxray.testing.FunctionClassifier;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    private static final List<String> CLASSES = List.of("covid", "normal");

    private static Sample sample(String id, String label, String source) {
        return new Sample(id, Path.of(id + ".png"), label, "patient-" + id, Map.of(Sample.SOURCE, source));
    }

    /** 4 covid (hannover) and 6 normal images (3 nih, 3 cohen) with P(covid) as given. */
    private static DatasetPredictions predictions() {
        List<Sample> samples = new ArrayList<>();
        double[] pCovid = {0.9, 0.8, 0.4, 0.35, 0.6, 0.2, 0.1, 0.7, 0.45, 0.05};
        String[] labels = {"covid", "covid", "covid", "covid", "normal", "normal", "normal", "normal", "normal", "normal"};
        String[] sources = {"hannover", "hannover", "hannover", "hannover", "nih", "nih", "nih", "cohen", "cohen", "cohen"};
        double[][] p = new double[pCovid.length][];
        for (int i = 0; i < pCovid.length; i++) {
            samples.add(sample("i" + i, labels[i], sources[i]));
            p[i] = new double[] {pCovid[i], 1 - pCovid[i]};
        }
        return new DatasetPredictions(CLASSES, samples, p, List.of());
    }

    @Test
    void aThresholdRuleSetsTheBinaryMetricsAndThePerSourceRates() {
        Evaluation e = Evaluator.evaluate(predictions(), DecisionRule.threshold("covid", 0.4, "validation"),
                EvaluationOptions.defaults());
        assertThat(e.positiveClass()).isEqualTo("covid");
        assertThat(e.threshold().value()).isEqualTo(0.4);
        assertThat(e.threshold().source()).isEqualTo("validation");
        assertThat(e.report().binary().truePositives()).isEqualTo(3);
        assertThat(e.report().binary().falsePositives()).isEqualTo(3);
        assertThat(e.bySource()).extracting(SourceRates::source).containsExactly("cohen", "hannover", "nih");
        SourceRates hannover = e.bySource().get(1);
        assertThat(hannover.sensitivity().successes()).isEqualTo(3);
        assertThat(hannover.sensitivity().trials()).isEqualTo(4);
        assertThat(hannover.specificity().trials()).isZero();
        assertThat(hannover.specificity().estimate()).isNaN();
        assertThat(hannover.auc()).isNaN();
        SourceRates cohen = e.bySource().get(0);
        assertThat(cohen.specificity().successes()).isEqualTo(1);
        assertThat(cohen.specificity().trials()).isEqualTo(3);
        SourceRates nih = e.bySource().get(2);
        assertThat(nih.specificity().successes()).isEqualTo(2);
        assertThat(e.sourceResultsForCard().get(2).falsePositives()).isEqualTo(1);
    }

    @Test
    void givenOptionsOverrideTheModelsRule() {
        Evaluation e = Evaluator.evaluate(predictions(), DecisionRule.threshold("covid", 0.4, "validation"),
                EvaluationOptions.defaults().withThreshold(0.85));
        assertThat(e.threshold().source()).isEqualTo("given on the command line");
        assertThat(e.report().binary().truePositives()).isEqualTo(1);
        Evaluation normal = Evaluator.evaluate(predictions(), DecisionRule.argmax(),
                EvaluationOptions.defaults().withPositiveClass("normal"));
        assertThat(normal.threshold().value()).isEqualTo(0.5);
        assertThat(normal.threshold().source()).isEqualTo("default");
        assertThatThrownBy(() -> Evaluator.evaluate(predictions(), DecisionRule.argmax(),
                EvaluationOptions.defaults().withPositiveClass("tuberculosis")))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("tuberculosis");
    }

    @Test
    void theCardFormKeepsEveryIntervalAndTheThresholdsOrigin() {
        Evaluation e = Evaluator.evaluate(predictions(), DecisionRule.threshold("covid", 0.4, "validation"),
                EvaluationOptions.defaults());
        var card = e.toCardResults();
        assertThat(card.images()).isEqualTo(10);
        assertThat(card.thresholdSource()).isEqualTo("validation");
        assertThat(card.positiveClassMetrics()).containsKeys("sensitivity", "specificity", "auc");
        assertThat(card.positiveClassMetrics().get("sensitivity").value()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void predictsImagesFromDiskListsUnreadableOnesAndReportsProgress(@TempDir Path dir) throws Exception {
        Dataset images = SyntheticImages.write(dir, CLASSES, 5, 16, 1);
        Path broken = dir.resolve("broken.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2});
        List<Sample> samples = new ArrayList<>(images.samples());
        samples.add(new Sample("broken.png", broken, "normal", "p-broken", Map.of()));
        Dataset data = images.withSamples("synthetic+broken", samples);
        List<Integer> progress = new ArrayList<>();
        Evaluation e = Evaluator.evaluate(FunctionClassifier.leftBright(CLASSES, 16), data, EvaluationOptions.defaults()
                .withProgress((done, total) -> progress.add(done)));
        assertThat(e.report().images()).isEqualTo(10);
        assertThat(e.report().accuracy().estimate()).isEqualTo(1.0);
        assertThat(e.failed()).hasSize(1);
        assertThat(e.failed().get(0).describe()).contains("broken.png");
        assertThat(progress).last().isEqualTo(11);
        assertThat(e.report().modelName()).isEqualTo("function");
    }

    @Test
    void testTimeShiftsAverageFiveViewsPerImage(@TempDir Path dir) {
        Dataset images = SyntheticImages.write(dir, CLASSES, 2, 16, 1);
        DatasetPredictions plain = DatasetPredictor.of(FunctionClassifier.leftBright(CLASSES, 16)).predict(images);
        DatasetPredictions shifted = DatasetPredictor.builder().setClassifier(FunctionClassifier.leftBright(CLASSES, 16))
                .optTestTimeShifts(new TestTimeShifts(0.25)).optBatchSize(3).build().predict(images);
        assertThat(shifted.size()).isEqualTo(plain.size());
        double[][] p = shifted.probabilities();
        for (double[] row : p) {
            assertThat(row[0] + row[1]).isCloseTo(1.0, within(1e-9));
            // five views of 0.9 or 0.1 each: the average is a multiple of 0.16 above 0.1
            assertThat((row[0] - 0.1) / 0.16).isCloseTo(Math.rint((row[0] - 0.1) / 0.16), within(1e-9));
        }
    }

    @Test
    void dataWithAClassTheModelDoesNotKnowIsRefused(@TempDir Path dir) {
        Dataset images = SyntheticImages.write(dir, List.of("covid", "tuberculosis"), 1, 16, 1);
        assertThatThrownBy(() -> Evaluator.evaluate(FunctionClassifier.leftBright(CLASSES, 16), images, EvaluationOptions.defaults()))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("tuberculosis");
    }
}
