package org.covidxray.batch;

import java.util.ArrayList;
import java.util.List;
import org.covidxray.report.EvaluationReport;

/**
 * The labelled, predicted rows of a batch run gathered for the metrics: where a run on a cluster meets the
 * evaluation, which runs on the driver with the same code as {@code covid evaluate}. Rows without a label
 * or without a prediction are counted and left out. Not thread-safe.
 */
public final class BatchScores {
    private final List<String> classNames;
    private final List<double[]> probabilities = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<String> patients = new ArrayList<>();
    private long unlabelled;
    private long failed;

    public BatchScores(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Adds a row.
     *
     * @throws BatchException when its label is not one of the model's classes
     */
    public void add(BatchRow row) {
        if (row.label() == null) {
            unlabelled++;
            return;
        }
        if (!row.predictedOk()) {
            failed++;
            return;
        }
        int label = classNames.indexOf(row.label());
        if (label < 0) {
            throw new BatchException("Image " + row.path() + " is labelled '" + row.label() + "', which is not a class "
                    + "of the model " + classNames + ". Give the list's 'label' column the model's class names.");
        }
        labels.add(label);
        probabilities.add(row.probabilities());
        patients.add(row.patient() == null ? row.path() : row.patient());
    }

    /** Labelled images with a prediction. */
    public int size() {
        return labels.size();
    }

    /** Rows without a label. */
    public long unlabelled() {
        return unlabelled;
    }

    /** Labelled rows without a prediction (unreadable or refused). */
    public long failed() {
        return failed;
    }

    /**
     * Every metric with patient-bootstrap intervals (a row without a patient is its own patient).
     *
     * @throws BatchException when no labelled image was predicted
     */
    public EvaluationReport report(String positiveClass, double threshold, long seed) {
        if (labels.isEmpty()) {
            throw new BatchException("There is no labelled, predicted image to evaluate (" + unlabelled
                    + " unlabelled, " + failed + " without a prediction).");
        }
        return EvaluationReport.compute(classNames, labels.stream().mapToInt(Integer::intValue).toArray(),
                probabilities.toArray(double[][]::new), patients.toArray(String[]::new), positiveClass, threshold,
                seed);
    }
}
