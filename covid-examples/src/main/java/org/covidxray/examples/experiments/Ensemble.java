package org.covidxray.examples.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.covidxray.data.Dataset;
import org.covidxray.image.PreprocessingConfig;
import org.covidxray.model.Architecture;
import org.covidxray.model.AveragedClassifier;
import org.covidxray.model.Classifier;
import org.covidxray.model.TrainingConfig;
import org.covidxray.model.TrainingHistory;
import org.covidxray.training.TrainedModel;

/**
 * Several models of one architecture trained on the same data with different seeds (seed, seed + 1,
 * ...), whose probabilities are averaged. With a time budget each member gets an equal share and
 * stops when its share is used up (keeping its best validation epoch so far).
 */
final class Ensemble implements AutoCloseable {
    private final List<TrainedModel> members = new ArrayList<>();
    private boolean budgetReached;

    static Ensemble train(ExperimentRun run, int size, double budgetMinutes, Architecture architecture,
                          PreprocessingConfig preprocessing, TrainingConfig config, Dataset train, Dataset validation) {
        Ensemble ensemble = new Ensemble();
        try {
            for (int m = 0; m < size; m++) {
                BooleanSupplier stop = () -> false;
                boolean[] fired = new boolean[1];
                if (budgetMinutes > 0) {
                    long deadline = System.nanoTime() + (long) (budgetMinutes * 60e9 / size);
                    stop = () -> {
                        if (System.nanoTime() > deadline) {
                            fired[0] = true;
                        }
                        return fired[0];
                    };
                }
                TrainingConfig seeded = config.toBuilder().optSeed(config.seed() + m).build();
                ensemble.members.add(run.train(architecture, preprocessing, seeded, train, validation, stop));
                ensemble.budgetReached |= fired[0];
            }
        } catch (RuntimeException e) {
            ensemble.close();
            throw e;
        }
        return ensemble;
    }

    /**
     * {@link #train} without a time budget, as one model: the members' probabilities averaged
     * ({@link AveragedClassifier}; a single member as it is), with the first member's curves. The returned model
     * owns the members: closing it closes them.
     */
    static TrainedModel trainAveraged(ExperimentRun run, int size, Architecture architecture,
                                      PreprocessingConfig preprocessing, TrainingConfig config, Dataset train,
                                      Dataset validation) {
        Ensemble ensemble = train(run, size, 0, architecture, preprocessing, config, train, validation);
        if (size == 1) {
            return ensemble.members.get(0);
        }
        return new TrainedModel(AveragedClassifier.of(ensemble.classifiers()), ensemble.firstHistory());
    }

    List<Classifier> classifiers() {
        return members.stream().map(TrainedModel::classifier).toList();
    }

    /** The first member's curves (the report shows one set). */
    TrainingHistory firstHistory() {
        return members.get(0).history();
    }

    List<TrainingHistory> histories() {
        return members.stream().map(TrainedModel::history).toList();
    }

    boolean budgetReached() {
        return budgetReached;
    }

    @Override
    public void close() {
        members.forEach(TrainedModel::close);
    }
}
