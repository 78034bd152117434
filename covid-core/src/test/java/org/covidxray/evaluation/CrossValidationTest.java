package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.testing.FunctionClassifier;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossValidationTest {
    @Test
    void everyImageIsPredictedOncePerRepeatByAModelThatNeverSawIt(@TempDir Path dir) {
        Dataset data = SyntheticImages.write(dir, List.of("covid", "normal"), 10, 16, 4);
        List<Long> seeds = new ArrayList<>();
        List<FunctionClassifier> models = new ArrayList<>();
        List<java.util.Set<String>> trainedOn = new ArrayList<>();
        CrossValidation cv = CrossValidation.run(data, 0, 5, 2, 7, (train, seed) -> {
            seeds.add(seed);
            trainedOn.add(new HashSet<>(train.samples().stream().map(Sample::id).toList()));
            FunctionClassifier model = FunctionClassifier.leftBright(data.classNames(), 16);
            models.add(model);
            return model;
        });
        assertThat(seeds).hasSize(10).doesNotHaveDuplicates().contains(7L, 1007L + 4);
        assertThat(models).allMatch(FunctionClassifier::closed);
        assertThat(cv.pooled()).hasSize(2);
        for (DatasetPredictions repeat : cv.pooled()) {
            assertThat(repeat.samples()).extracting(Sample::id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(data.samples().stream().map(Sample::id).toList());
        }
        for (int f = 0; f < 5; f++) {
            assertThat(trainedOn.get(f)).hasSize(16);
        }
        assertThat(cv.foldAccuracies()).hasSize(10).allMatch(a -> a == 1.0);
        assertThat(cv.aucs()).containsExactly(1.0, 1.0);
        assertThat(cv.meanFoldAccuracy()).isEqualTo(1.0);
        assertThat(cv.sdFoldAccuracy()).isZero();
    }
}
