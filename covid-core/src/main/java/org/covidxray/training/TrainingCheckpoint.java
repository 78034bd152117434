package org.covidxray.training;

import java.util.List;
import java.util.Objects;
import org.covidxray.model.EpochResult;

/**
 * Where a training run stands after a completed epoch: enough to continue it later with
 * {@link TrainingRequest.Builder#optResumeFrom}; {@link CheckpointFile} keeps one in a file. The optimiser's internal state (e.g. Adam's moments) is
 * not part of it, so a resumed run restarts the optimiser from the current weights.
 *
 * @param epoch the last completed epoch (1-based)
 * @param weights the network's weights after that epoch
 * @param bestWeights the weights of the best epoch so far ({@code null} when none was kept)
 * @param bestEpoch the epoch of {@code bestWeights} (0 when none)
 * @param bestScore the validation score of the best epoch (AUC, or minus the loss when AUC is undefined)
 * @param epochsSinceBest epochs without improvement since the best one (for early stopping)
 * @param history the results of epochs 1 to {@code epoch}
 */
public record TrainingCheckpoint(int epoch, byte[] weights, byte[] bestWeights, int bestEpoch, double bestScore,
                                 int epochsSinceBest, List<EpochResult> history) {

    public TrainingCheckpoint {
        Objects.requireNonNull(weights, "weights");
        if (epoch < 1) {
            throw new IllegalArgumentException("a checkpoint follows a completed epoch; epoch was " + epoch);
        }
        history = List.copyOf(history);
        bestScore = Double.isNaN(bestScore) ? Double.NEGATIVE_INFINITY : bestScore;
    }
}
