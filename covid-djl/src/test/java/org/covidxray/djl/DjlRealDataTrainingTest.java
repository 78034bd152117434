package org.covidxray.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.engine.Architecture;
import org.covidxray.engine.Backends;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.training.EpochResult;
import org.covidxray.training.TrainedModel;
import org.covidxray.training.TrainingConfig;
import org.covidxray.training.TrainingLoop;
import org.covidxray.training.TrainingRequest;
import org.junit.jupiter.api.Test;

/** Training the default network with DJL on the shared real X-rays, at 128 px. */
class DjlRealDataTrainingTest {
    private static final int SIZE = 128;

    @Test
    void learnsSeed50() {
        Dataset data = RealData.seed50();
        TrainingConfig config = TrainingConfig.builder().setEpochs(5).optBatchSize(10).optLearningRate(2e-3)
                .optSeed(3).build();
        try (TrainedModel model = train(data, null, config)) {
            List<EpochResult> epochs = model.history().epochs();
            assertThat(epochs.get(epochs.size() - 1).trainLoss()).as("loss falls").isLessThan(epochs.get(0).trainLoss());
            int correct = 0;
            for (Sample s : data.samples()) {
                if (model.classifier().predict(s.path()).predictedClass().equals(s.label())) {
                    correct++;
                }
            }
            assertThat(correct / (double) data.size()).as("training accuracy").isGreaterThan(0.9);
        }
    }

    @Test
    void generalisesToOtherKermanyPatients() {
        Dataset[] parts = RealData.kermanyPatientDisjoint(300, 100, 17);
        Set<String> trainPatients = new HashSet<>(parts[0].patients());
        assertThat(parts[1].patients()).noneMatch(trainPatients::contains);
        assertThat(parts[0].size()).isBetween(600, 620);
        TrainingConfig config = TrainingConfig.builder().setEpochs(2).optBatchSize(32).optLearningRate(2e-3)
                .optSeed(5).build();
        try (TrainedModel model = train(parts[0], parts[1], config)) {
            assertThat(model.history().best().validationAuc()).as("validation AUC").isGreaterThanOrEqualTo(0.90);
        }
    }

    private static TrainedModel train(Dataset train, Dataset validation, TrainingConfig config) {
        TrainingRequest request = TrainingRequest.builder().setBackend(Backends.get(DjlBackend.NAME))
                .setArchitecture(Architecture.defaultCnn(SIZE)).optPreprocessing(PreprocessingConfig.defaults(SIZE))
                .optConfig(config).setTrain(train).optValidation(validation).build();
        return new TrainingLoop(request, null).run();
    }
}
