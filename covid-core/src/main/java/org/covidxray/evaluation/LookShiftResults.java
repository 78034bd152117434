package org.covidxray.evaluation;

import java.util.List;

/**
 * A model's results under every appearance shift, all at one threshold: the model's own (chosen on
 * validation when it was trained with a validation threshold), never re-chosen on the shifted images.
 *
 * @param model the model's id
 * @param data the evaluated data set's name
 * @param positiveClass the class the binary metrics treat as positive
 * @param threshold the threshold on its probability
 * @param thresholdSource where the threshold came from (e.g. the model card's method)
 * @param seed the bootstrap seed
 * @param rows one row per shift, the unshifted images first
 */
public record LookShiftResults(String model, String data, String positiveClass, double threshold,
                               String thresholdSource, long seed, List<LookShiftResult> rows) {
    public LookShiftResults {
        rows = List.copyOf(rows);
    }
}
