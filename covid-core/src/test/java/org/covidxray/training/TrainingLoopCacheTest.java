package org.covidxray.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.covidxray.data.Dataset;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.testing.FakeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tensor cache's budget rule, as the loop applies it and as benchmarks ask for it. */
class TrainingLoopCacheTest {
    @TempDir
    Path dir;

    @Test
    void theTrainingImagesAreCachedExactlyWhenTheyFitTheBudget() {
        Dataset train = TrainingRuns.train(dir);
        TrainingRequest.Builder builder = TrainingRuns.request(FakeBackend.withValidationScript(0.6), train, null, 1, 0);
        PreprocessingConfig p = builder.optCacheBudgetBytes(0).build().preprocessing();
        long needed = (long) train.size() * p.channels() * p.imageSize() * p.imageSize() * Float.BYTES;

        assertThat(TrainingLoop.cachesTrainingImages(builder.optCacheBudgetBytes(needed).build())).isTrue();
        assertThat(TrainingLoop.cachesTrainingImages(builder.optCacheBudgetBytes(needed - 1).build())).isFalse();
        // the cache itself follows the same rule
        assertThat(new TensorCache(train, p, needed).bytes()).isEqualTo(needed);
        assertThat(new TensorCache(train, p, needed - 1).bytes()).isZero();
    }
}
