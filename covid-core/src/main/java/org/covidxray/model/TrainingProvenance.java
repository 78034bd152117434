package org.covidxray.model;

import java.util.Map;
import org.covidxray.data.SplitDescription;

/**
 * Where a model came from: the data, the settings, and how it did on its validation split.
 *
 * @param datasetName name of the training data set (e.g. "cohen+kermany")
 * @param datasetFingerprint {@link org.covidxray.data.Dataset#fingerprint()} of train + validation
 * @param trainCounts images per class in the training part
 * @param validationCounts images per class in the validation part
 * @param trainPatients distinct patients in the training part
 * @param validationPatients distinct patients in the validation part
 * @param config the training settings (seed included)
 * @param validationMetrics metrics of the kept (best) epoch on the validation part; undefined as null
 * @param history per-epoch curves
 * @param split how the whole data set was split (fractions, seed, each part's fingerprint), or
 *     {@code null} when the training data was not split by this library
 */
public record TrainingProvenance(String datasetName, String datasetFingerprint,
                                 Map<String, Integer> trainCounts, Map<String, Integer> validationCounts,
                                 int trainPatients, int validationPatients, TrainingConfig config,
                                 Map<String, Double> validationMetrics, TrainingHistory history,
                                 SplitDescription split) {

    /** This provenance with the split recorded. */
    public TrainingProvenance withSplit(SplitDescription description) {
        return new TrainingProvenance(datasetName, datasetFingerprint, trainCounts, validationCounts, trainPatients,
                validationPatients, config, validationMetrics, history, description);
    }
}
