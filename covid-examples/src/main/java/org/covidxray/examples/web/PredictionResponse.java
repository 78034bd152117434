package org.covidxray.examples.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The JSON answer of {@code POST /api/predict}.
 *
 * @param predictedClass the class the decision rule picks (JSON {@code class}); {@code null} for a multi-label model
 * @param multiLabel whether the model is multi-label: its scores are independent per-label probabilities that
 *     need not sum to 1, and each label is decided on its own ({@code labels})
 * @param labels a multi-label model's labels at or above their thresholds (possibly none); {@code null} for a
 *     single-label model
 * @param probabilities class name to probability, in the model's class order (summing to 1 only for a
 *     single-label model)
 * @param outOfDistribution whether the image lies within what the model was trained on
 *     ({@link org.covidxray.gate.DistributionCheck#toMap()}: {@code status}, {@code outside},
 *     {@code distance}, {@code threshold}, {@code message})
 * @param decision how the class was chosen: {@code positiveClass}, {@code threshold}, {@code method},
 *     {@code description}
 * @param modelId the id of the model that answered
 * @param millis time spent decoding, preprocessing and predicting
 * @param disclaimer research software, not a diagnostic device
 */
@JsonPropertyOrder({"class", "multiLabel", "labels", "probabilities", "outOfDistribution", "decision", "modelId",
    "millis", "disclaimer"})
public record PredictionResponse(@JsonProperty("class") String predictedClass, boolean multiLabel, List<String> labels,
                                 Map<String, Double> probabilities,
                                 Map<String, Object> outOfDistribution, Map<String, Object> decision,
                                 String modelId, double millis, String disclaimer) {
}
