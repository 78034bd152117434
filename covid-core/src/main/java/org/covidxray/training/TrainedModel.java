package org.covidxray.training;

import org.covidxray.model.Classifier;
import org.covidxray.model.TrainingHistory;

/** The result of a training run: the classifier with the kept (best) weights, and the curves. */
public record TrainedModel(Classifier classifier, TrainingHistory history) implements AutoCloseable {
    @Override
    public void close() {
        classifier.close();
    }
}
