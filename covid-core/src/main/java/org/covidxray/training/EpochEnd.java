package org.covidxray.training;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.covidxray.model.EpochResult;

/**
 * What an {@link EpochEndPolicy} sees after a completed epoch.
 *
 * @param history the results of every epoch so far, the one just completed last
 * @param bestEpoch the kept epoch (0 when none)
 * @param bestScore the kept epoch's {@link EpochScore#score()}
 * @param bestWeights the kept epoch's weights, {@code null} when none
 * @param epochsSinceBest epochs since the kept one that were no better
 * @param currentWeights exports the network's current weights; call it only when they are needed
 */
record EpochEnd(List<EpochResult> history, int bestEpoch, double bestScore, byte[] bestWeights, int epochsSinceBest,
                Supplier<byte[]> currentWeights) {

    EpochEnd {
        history = List.copyOf(history);
        if (history.isEmpty()) {
            throw new IllegalArgumentException("an epoch end follows at least one epoch");
        }
        Objects.requireNonNull(currentWeights, "currentWeights");
    }

    /** The epoch just completed (1-based). */
    int epoch() {
        return history.get(history.size() - 1).epoch();
    }

    /** Where the run stands, to continue it later. */
    TrainingCheckpoint checkpoint() {
        return new TrainingCheckpoint(epoch(), currentWeights.get(), bestWeights, bestEpoch, bestScore,
                epochsSinceBest, history);
    }
}
