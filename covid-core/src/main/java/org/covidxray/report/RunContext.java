package org.covidxray.report;

import org.covidxray.data.DatasetSummary;
import org.covidxray.model.TrainingHistory;

/**
 * What a report says about the run beside its metrics: which model, on which data, by which command,
 * and the model's training curves. Kept apart from the metrics so that one evaluation can be filed in
 * different runs' reports.
 *
 * @param model the model's id or name, or empty
 * @param data the evaluated data's summary (name, counts, fingerprint), or {@code null}
 * @param command the command line, or empty
 * @param history the model's training history for the curves, or {@code null}
 */
public record RunContext(String model, DatasetSummary data, String command, TrainingHistory history) {
    public RunContext {
        model = model == null ? "" : model;
        command = command == null ? "" : command;
    }

    /** Nothing known about the run. */
    public static RunContext none() {
        return new RunContext("", null, "", null);
    }
}
