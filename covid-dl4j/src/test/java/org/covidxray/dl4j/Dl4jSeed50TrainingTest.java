package org.covidxray.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.covidxray.data.ClassFolderDataset;
import org.covidxray.data.Dataset;
import org.covidxray.data.DatasetOptions;
import org.covidxray.data.Sample;
import org.covidxray.engine.Backends;
import org.covidxray.engine.Models;
import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.image.Preprocessor;
import org.covidxray.model.Architecture;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.ModelFormatException;
import org.covidxray.model.Prediction;
import org.covidxray.model.TrainingConfig;
import org.covidxray.testing.SharedData;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the default CNN on the original project's 50 real X-rays (seed-50) at 128 px. The DJL engine
 * runs the same check; both must fit the training set (> 90%), so their accuracies agree within 10
 * percentage points by construction of this test.
 */
class Dl4jSeed50TrainingTest {
    private static final int SIZE = 128;

    @TempDir
    Path tempDir;

    @Test
    void fitsTheTrainingSetAndSurvivesASaveLoadRoundTrip() {
        Dataset data = new ClassFolderDataset().load(DatasetOptions.of(SharedData.require("seed-50")));
        TrainingConfig config = TrainingConfig.builder().setEpochs(8).optBatchSize(10).optLearningRate(3e-3)
                .optSeed(7).build();
        TrainingRequest request = TrainingRequest.builder().setBackend(Backends.get(Dl4jBackend.NAME))
                .setArchitecture(Architecture.defaultCnn(SIZE)).optConfig(config).setTrain(data).optValidation(data).build();
        try (TrainedModel trained = new TrainingLoop(request, null).run()) {
            var epochs = trained.history().epochs();
            assertThat(epochs.get(epochs.size() - 1).trainLoss()).as("training loss falls")
                    .isLessThan(epochs.get(0).trainLoss());

            Preprocessor pre = new Preprocessor(PreprocessingConfig.defaults(SIZE));
            List<ImageTensor> images = new ArrayList<>();
            for (Sample s : data.samples()) {
                images.add(pre.load(s.path()));
            }
            List<Prediction> predictions = trained.classifier().predict(images);
            int correct = 0;
            for (int i = 0; i < images.size(); i++) {
                if (predictions.get(i).predictedClass().equals(data.get(i).label())) {
                    correct++;
                }
            }
            assertThat(correct / (double) data.size()).as("training accuracy").isGreaterThan(0.9);

            Path file = tempDir.resolve("seed50.zip");
            trained.classifier().save(file);
            try (Classifier loaded = Models.load(file)) {
                List<Prediction> again = loaded.predict(images);
                for (int i = 0; i < images.size(); i++) {
                    assertThat(again.get(i).probabilities())
                            .containsExactly(predictions.get(i).probabilities(), Offset.offset(1e-6));
                }
            }

            ModelBundle bundle = ModelBundle.read(file);
            byte[] flipped = bundle.weights().clone();
            for (int i = flipped.length / 3; i < flipped.length / 3 + 64; i++) {
                flipped[i] = (byte) ~flipped[i];
            }
            Path corrupt = tempDir.resolve("flipped.zip");
            ModelBundle.write(corrupt, bundle.manifest(), flipped);
            assertThatThrownBy(() -> Models.load(corrupt)).isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("flipped.zip");
        }
    }
}
