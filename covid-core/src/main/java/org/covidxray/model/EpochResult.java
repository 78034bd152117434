package org.covidxray.model;

/**
 * What one epoch achieved. Validation values are NaN (JSON {@code null}) when there is no validation
 * part; AUC is the macro one-vs-rest AUC for more than two classes.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double validationAuc, double learningRate,
                          double seconds, double imagesPerSecond) {
}
