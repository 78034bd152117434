package org.covidxray.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.covidxray.data.DatasetSummary;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingHistory;

/**
 * Ten images of three classes whose numbers can be checked by hand. Predicted (most probable) class
 * per true class: normal 2 right + 1 covid; pneumonia 2 right + 1 normal; covid 3 right + 1 normal.
 * Covid probability >= 0.5: covid images 0.9, 0.8, 0.6 called, 0.3 missed (TP 3, FN 1); other images
 * 0.1, 0.2, 0.55, 0.1, 0.05, 0.2: one false positive (FP 1, TN 5).
 */
final class ReportFixtures {
    static final List<String> CLASSES = List.of("normal", "pneumonia", "covid");
    static final int[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    static final double[][] PROBABILITIES = {
        {0.8, 0.1, 0.1}, {0.6, 0.2, 0.2}, {0.3, 0.15, 0.55},
        {0.2, 0.7, 0.1}, {0.3, 0.65, 0.05}, {0.5, 0.3, 0.2},
        {0.05, 0.05, 0.9}, {0.1, 0.1, 0.8}, {0.2, 0.2, 0.6}, {0.4, 0.3, 0.3}};
    static final String[] PATIENTS = {"a", "a", "b", "c", "c", "d", "e", "e", "f", "g"};

    private ReportFixtures() {
    }

    static EvaluationReport report() {
        return EvaluationReport.compute(CLASSES, LABELS, PROBABILITIES, PATIENTS, "covid", 0.5, 42);
    }

    static DatasetSummary data(String name, String fingerprint) {
        Map<String, Integer> images = new LinkedHashMap<>();
        images.put("normal", 3);
        images.put("pneumonia", 3);
        images.put("covid", 4);
        Map<String, Integer> patients = new LinkedHashMap<>();
        patients.put("normal", 2);
        patients.put("pneumonia", 2);
        patients.put("covid", 3);
        return new DatasetSummary(name, 10, 7, CLASSES, images, patients, Map.of("fixture", 10), Map.of("PA", 10),
                0, List.of(), fingerprint);
    }

    static TrainingHistory history() {
        return new TrainingHistory(List.of(
                new EpochResult(1, 1.0, 0.50, 0.90, 0.55, 0.70, 1e-3, 10, 100),
                new EpochResult(2, 0.7, 0.70, 0.80, 0.65, 0.80, 1e-3, 10, 100),
                new EpochResult(3, 0.5, 0.80, 0.85, 0.62, 0.78, 1e-3, 10, 100)), 2, "early stopping");
    }
}
