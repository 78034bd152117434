package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.metrics.SourceRates;
import org.covidxray.testing.FunctionClassifier;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCrossValidationTest {
    private static final List<String> CLASSES = List.of("covid", "normal");

    /**
     * 24 covid and 24 normal images: "big" holds 20 of each, "small" 4 of each; patients are pairs of images
     * (so a fold never splits one), except that the last two "small" normal images are one patient.
     */
    private static Dataset data(Path dir) {
        Dataset images = SyntheticImages.write(dir, CLASSES, 24, 16, 9);
        List<Sample> samples = new ArrayList<>();
        int[] seen = new int[2];
        for (Sample s : images.samples()) {
            int c = CLASSES.indexOf(s.label());
            int n = seen[c]++;
            String source = n < 20 ? "big" : "small";
            String patient = s.label() + "-p" + (n / 2);
            samples.add(new Sample(s.id(), s.path(), s.label(), patient, Map.of(Sample.SOURCE, source)));
        }
        return images.withSamples("two-sources", samples);
    }

    @Test
    void everyImageIsTestedOnceByAFoldModelThatNeverSawItsPatient(@TempDir Path dir) {
        Dataset data = data(dir);
        List<FunctionClassifier> models = new ArrayList<>();
        List<Set<String>> trainedPatients = new ArrayList<>();
        SourceCrossValidation.Result result = new SourceCrossValidation(4, 0.25, 3, "covid").run(data,
                (train, validation, fold) -> {
                    Set<String> patients = new HashSet<>(train.patients());
                    patients.addAll(validation.patients());
                    assertThat(train.patients()).doesNotContainAnyElementsOf(validation.patients());
                    trainedPatients.add(patients);
                    FunctionClassifier model = FunctionClassifier.leftBright(CLASSES, 16);
                    models.add(model);
                    return model;
                });

        assertThat(result.folds()).hasSize(4).extracting(SourceCrossValidation.FoldResult::index)
                .containsExactly(0, 1, 2, 3);
        assertThat(models).hasSize(4).allMatch(FunctionClassifier::closed);
        List<String> tested = new ArrayList<>();
        for (SourceCrossValidation.FoldResult fold : result.folds()) {
            List<String> ids = fold.evaluation().predictions().samples().stream().map(Sample::id).toList();
            tested.addAll(ids);
            Set<String> testPatients = new HashSet<>(fold.evaluation().predictions().samples().stream()
                    .map(Sample::patientId).toList());
            assertThat(trainedPatients.get(fold.index())).doesNotContainAnyElementsOf(testPatients);
            assertThat(fold.trainImages() + fold.validationImages() + ids.size()).isEqualTo(48);
            assertThat(fold.rule().method()).contains("validation");
            assertThat(fold.evaluation().predictions().sources()).as("stratified by source: each fold tests 'small'")
                    .contains("small");
        }
        assertThat(tested).hasSize(48).doesNotHaveDuplicates();
        assertThat(result.predictions().size()).isEqualTo(48);
    }

    @Test
    void perSourceCountsAreTheFoldsSummedAndCombineAcrossSources(@TempDir Path dir) {
        Dataset data = data(dir);
        SourceCrossValidation.Result result = new SourceCrossValidation(4, 0.25, 3, "covid").run(data,
                (train, validation, fold) -> FunctionClassifier.leftBright(CLASSES, 16));

        assertThat(result.bySource()).extracting(SourceRates::source).containsExactly("big", "small");
        SourceRates small = result.bySource().get(1);
        assertThat(small.sensitivity().trials()).isEqualTo(4);
        assertThat(small.specificity().trials()).isEqualTo(4);
        long summed = result.folds().stream().flatMap(f -> f.evaluation().bySource().stream())
                .filter(r -> r.source().equals("small")).mapToLong(r -> r.specificity().successes()).sum();
        assertThat(small.specificity().successes()).isEqualTo(summed);
        assertThat(small.auc()).as("the synthetic classes separate").isEqualTo(1.0);

        SourceRates all = result.all();
        assertThat(all.sensitivity().trials()).isEqualTo(24);
        assertThat(all.specificity().trials()).isEqualTo(24);
        assertThat(all.specificity().successes()).isEqualTo(result.bySource().get(0).specificity().successes()
                + small.specificity().successes());
        assertThat(result.combined("small only", List.of("small")).specificity()).isEqualTo(small.specificity());
    }

    @Test
    void aFoldModelWhoseScoresDoNotSeparateGetsTheMostSpecificThresholdInsteadOfStoppingTheRun(@TempDir Path dir) {
        Dataset data = data(dir);
        // one output for every image: Youden's J is 0 at best, where the ROC's top point lies above every score
        SourceCrossValidation.Result result = new SourceCrossValidation(3, 0.25, 3, "covid").run(data,
                (train, validation, fold) -> new FunctionClassifier(CLASSES, 16, null, t -> new double[] {0.9, 0.1}));

        assertThat(result.folds()).allSatisfy(f -> assertThat(f.rule().threshold()).isEqualTo(1.0));
        for (SourceRates r : result.bySource()) {
            assertThat(r.sensitivity().successes()).as(r.source()).isZero();
            assertThat(r.specificity().successes()).isEqualTo(r.specificity().trials());
            assertThat(r.auc()).as("all scores tied").isEqualTo(0.5);
        }
    }

    @Test
    void badSettingsAndAMissingPositiveClassAreRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> new SourceCrossValidation(1, 0.25, 0, "covid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k >= 2");
        assertThatThrownBy(() -> new SourceCrossValidation(3, 1.0, 0, "covid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validation fraction");
        Dataset data = data(dir);
        assertThatThrownBy(() -> new SourceCrossValidation(3, 0.25, 0, "pneumonia").run(data,
                (t, v, f) -> FunctionClassifier.leftBright(CLASSES, 16)))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("[covid, normal]");
    }
}
