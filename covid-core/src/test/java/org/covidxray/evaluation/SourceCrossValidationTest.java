package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.metrics.Bootstrap;
import org.covidxray.metrics.ConfidenceInterval;
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

    /**
     * P(covid) mostly from the difference of two pixels' noise, a little from the class band: a model that
     * ranks images only somewhat better than at random, with ties rare.
     */
    private static FunctionClassifier noisy() {
        return new FunctionClassifier(CLASSES, 16, null, t -> {
            double noise = t.get(0, 3, 3) - t.get(0, 5, 5);
            double band = t.get(0, 0, 0) - t.get(0, 0, 15);
            double p = Math.min(0.99, Math.max(0.01, 0.5 + 0.8 * noise + 0.05 * band));
            return new double[] {p, 1 - p};
        });
    }

    @Test
    void theOutOfFoldAucHasAPatientBootstrapIntervalAroundTheSameEstimate(@TempDir Path dir) {
        Dataset data = data(dir);
        SourceCrossValidation.Result result = new SourceCrossValidation(4, 0.25, 3, "covid").run(data,
                (train, validation, fold) -> noisy());

        ConfidenceInterval all = result.aucInterval(List.of("big", "small"), Bootstrap.withSeed(1));
        assertThat(all.estimate()).isEqualTo(result.all().auc());
        assertThat(all.method()).contains("patients");
        assertThat(all.lower()).isLessThan(all.estimate() - 0.05);
        assertThat(all.upper()).isGreaterThan(all.estimate() + 0.05);
        ConfidenceInterval small = result.aucInterval(List.of("small"), Bootstrap.withSeed(1));
        assertThat(small.estimate()).isEqualTo(result.combined("small", List.of("small")).auc());
        assertThat(small.lower()).isLessThanOrEqualTo(small.estimate());
        assertThat(small.upper()).isGreaterThanOrEqualTo(small.estimate());
        ConfidenceInterval separable = new SourceCrossValidation(4, 0.25, 3, "covid").run(data,
                (train, validation, fold) -> FunctionClassifier.leftBright(CLASSES, 16))
                .aucInterval(List.of("big"), Bootstrap.withSeed(1));
        assertThat(List.of(separable.estimate(), separable.lower(), separable.upper())).containsOnly(1.0);
    }

    @Test
    void theCsvHoldsEveryImageOnceDecidedAtItsOwnFoldsThreshold(@TempDir Path dir) throws IOException {
        Dataset data = data(dir.resolve("images"));
        SourceCrossValidation.Result result = new SourceCrossValidation(4, 0.25, 3, "covid").run(data,
                (train, validation, fold) -> noisy());
        assertThat(result.folds()).extracting(f -> f.rule().threshold()).as("the folds chose different thresholds")
                .doesNotHaveDuplicates();
        Map<String, Boolean> covidAtItsFold = new HashMap<>();
        for (SourceCrossValidation.FoldResult fold : result.folds()) {
            DatasetPredictions tested = fold.evaluation().predictions();
            for (int i = 0; i < tested.size(); i++) {
                covidAtItsFold.put(tested.samples().get(i).path().toString(),
                        tested.probabilities()[i][0] >= fold.rule().threshold());
            }
        }
        Path csv = dir.resolve("out-of-fold.csv");
        result.writeCsv(csv);

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("id,file,patient,source,label,predicted,p_covid,p_normal");
        assertThat(lines).hasSize(49);
        Set<String> files = new HashSet<>();
        int calledCovid = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            files.add(cells[1]);
            assertThat(cells[3]).isIn("big", "small");
            assertThat(cells[5]).as(line).isEqualTo(covidAtItsFold.get(cells[1]) ? "covid" : "normal");
            calledCovid += cells[5].equals("covid") ? 1 : 0;
        }
        assertThat(files).hasSize(48);
        assertThat(calledCovid).isBetween(1, 47);
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
