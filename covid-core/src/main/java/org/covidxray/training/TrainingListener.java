package org.covidxray.training;

import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingHistory;
/**
 * Receives training progress. Called on the training thread; keep implementations quick. The CLI
 * turns these events into a progress bar, the report into curves.
 */
public interface TrainingListener {

    default void onTrainingStart(TrainingPlan plan) {
    }

    default void onBatchEnd(BatchEvent event) {
    }

    default void onEpochEnd(EpochResult result, boolean improved) {
    }

    default void onTrainingEnd(TrainingHistory history) {
    }

    /** A listener that ignores everything. */
    static TrainingListener none() {
        return new TrainingListener() {
        };
    }

    /** Sends every event to each listener in turn. */
    static TrainingListener all(TrainingListener... listeners) {
        return new TrainingListener() {
            @Override
            public void onTrainingStart(TrainingPlan plan) {
                for (TrainingListener l : listeners) {
                    l.onTrainingStart(plan);
                }
            }

            @Override
            public void onBatchEnd(BatchEvent event) {
                for (TrainingListener l : listeners) {
                    l.onBatchEnd(event);
                }
            }

            @Override
            public void onEpochEnd(EpochResult result, boolean improved) {
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(result, improved);
                }
            }

            @Override
            public void onTrainingEnd(TrainingHistory history) {
                for (TrainingListener l : listeners) {
                    l.onTrainingEnd(history);
                }
            }
        };
    }
}
