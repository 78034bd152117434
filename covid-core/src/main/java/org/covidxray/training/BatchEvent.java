package org.covidxray.training;

/** Progress after one training batch: 1-based epoch, 0-based batch index within the epoch. */
public record BatchEvent(int epoch, int batch, int batchesPerEpoch, double loss, double runningLoss,
                         double imagesPerSecond) {
}
