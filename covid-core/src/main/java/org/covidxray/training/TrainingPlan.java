package org.covidxray.training;

/** What a training run is about to do; sent to listeners before the first batch. */
public record TrainingPlan(String backend, String device, int epochs, int batchesPerEpoch, int trainImages,
                           int validationImages, long trainableParameters) {
}
