package org.covidxray.model;

import java.util.List;

/**
 * The curves of a finished (or stopped) training run.
 *
 * @param epochs one result per completed epoch
 * @param bestEpoch the 1-based epoch whose weights were kept (the best validation AUC, or the last
 *     epoch without validation)
 * @param stopReason why training ended: "completed", "early stopping", "stopped by user"
 */
public record TrainingHistory(List<EpochResult> epochs, int bestEpoch, String stopReason) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The kept epoch's result, or {@code null} when no epoch completed. */
    public EpochResult best() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElse(null);
    }
}
