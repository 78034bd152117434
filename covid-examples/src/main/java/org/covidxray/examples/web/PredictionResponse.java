package org.covidxray.examples.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The JSON answer of {@code POST /api/predict}.
 *
 * @param predictedClass the class the decision rule picks (JSON {@code class})
 * @param probabilities class name to probability, in the model's class order
 * @param outOfDistribution whether the image lies within what the model was trained on
 *     ({@link org.covidxray.gate.DistributionCheck#toMap()}: {@code status}, {@code outside},
 *     {@code distance}, {@code threshold}, {@code message})
 * @param decision how the class was chosen: {@code positiveClass}, {@code threshold}, {@code method},
 *     {@code description}
 * @param modelId the id of the model that answered
 * @param millis time spent decoding, preprocessing and predicting
 * @param disclaimer research software, not a diagnostic device
 */
@JsonPropertyOrder({"class", "probabilities", "outOfDistribution", "decision", "modelId", "millis", "disclaimer"})
public record PredictionResponse(@JsonProperty("class") String predictedClass, Map<String, Double> probabilities,
                                 Map<String, Object> outOfDistribution, Map<String, Object> decision,
                                 String modelId, double millis, String disclaimer) {
}
