package org.covidxray.examples.testing;

import java.util.List;
import java.util.Map;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.OutputKind;
import org.covidxray.testing.FunctionClassifier;

/**
 * A multi-label (sigmoid) model with fixed independent scores, like an imported torchxrayvision model: the
 * scores sum to 1.7, Atelectasis (0.8) is present, Effusion (0.3) absent at 0.5, and Pneumonia (0.6) absent at
 * its own threshold 0.7.
 */
public final class MultiLabelModels {
    public static final List<String> LABELS = List.of("Atelectasis", "Effusion", "Pneumonia");
    public static final double[] SCORES = {0.8, 0.3, 0.6};

    private MultiLabelModels() {
    }

    public static FunctionClassifier fixedScores() {
        return new FunctionClassifier(LABELS, TinyModels.SIZE,
                DecisionRule.perLabel(LABELS, Map.of("Pneumonia", 0.7), "sidecar thresholds"), OutputKind.SIGMOID,
                t -> SCORES.clone());
    }
}
