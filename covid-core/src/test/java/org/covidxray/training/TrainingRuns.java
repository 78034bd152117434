package org.covidxray.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.covidxray.data.Dataset;
import org.covidxray.engine.Backend;
import org.covidxray.model.Architecture;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingConfig;
import org.covidxray.model.TrainingHistory;
import org.covidxray.testing.SyntheticImages;

/** Small training runs on synthetic images for the loop's tests: 12 training images in 3 batches of 4. */
final class TrainingRuns {
    private TrainingRuns() {
    }

    static Dataset train(Path dir) {
        return SyntheticImages.write(dir.resolve("train"), List.of("a", "b"), 6, 32, 1);
    }

    static Dataset validation(Path dir) {
        return SyntheticImages.write(dir.resolve("val"), List.of("a", "b"), 3, 32, 2);
    }

    /** An epoch's result with the given validation loss and AUC (the rest does not matter to the policies). */
    static EpochResult epoch(int epoch, double validationLoss, double validationAuc) {
        return new EpochResult(epoch, 0.5, 0.8, validationLoss, 0.8, validationAuc, 1e-3, 1, 100);
    }

    /** An epoch's result without validation. */
    static EpochResult unvalidated(int epoch) {
        return new EpochResult(epoch, 0.5, 0.8, Double.NaN, Double.NaN, Double.NaN, 1e-3, 1, 100);
    }

    static TrainingRequest.Builder request(Backend backend, Dataset train, Dataset validation, int epochs,
                                           int patience) {
        return TrainingRequest.builder()
                .setBackend(backend)
                .setArchitecture(Architecture.defaultCnn(32))
                .optConfig(TrainingConfig.builder().setEpochs(epochs).optBatchSize(4).optSeed(7)
                        .optEarlyStoppingPatience(patience).build())
                .setTrain(train)
                .optValidation(validation);
    }

    /** Writes down every event as a short line, in order. */
    static final class RecordingListener implements TrainingListener {
        final List<String> events = new ArrayList<>();
        final List<Boolean> improved = new ArrayList<>();

        @Override
        public void onTrainingStart(TrainingPlan plan) {
            events.add("start " + plan.epochs() + " epochs, " + plan.batchesPerEpoch() + " batches");
        }

        @Override
        public void onBatchEnd(BatchEvent event) {
            events.add("batch " + event.epoch() + "." + event.batch() + "/" + event.batchesPerEpoch());
        }

        @Override
        public void onEpochEnd(EpochResult result, boolean better) {
            events.add("epoch " + result.epoch() + (better ? " (best)" : ""));
            improved.add(better);
        }

        @Override
        public void onTrainingEnd(TrainingHistory history) {
            events.add("end: " + history.stopReason() + ", keeping epoch " + history.bestEpoch());
        }
    }
}
