package org.covidxray.training;

import java.util.List;
import java.util.function.Supplier;
import org.covidxray.engine.TrainableNetwork;
import org.covidxray.model.EpochResult;

/**
 * Keeps the weights of the best epoch so far (by {@link EpochScore}) and counts the epochs since it, so
 * that training ends with the best weights rather than the last ones, as Keras' {@code EarlyStopping}
 * does with {@code restore_best_weights}. Judges every completed epoch before listeners hear of it,
 * because they are told whether it was the best.
 */
final class BestEpochKeeping {
    private final boolean validated;
    private EpochScore score;
    private int epoch;
    private byte[] weights;
    private int epochsSinceBest;

    /** Nothing kept yet. {@code validated}: whether epochs are validated (else the last epoch is the best). */
    BestEpochKeeping(boolean validated) {
        this(validated, EpochScore.NONE, 0, null, 0);
    }

    private BestEpochKeeping(boolean validated, EpochScore score, int epoch, byte[] weights, int epochsSinceBest) {
        this.validated = validated;
        this.score = score;
        this.epoch = epoch;
        this.weights = weights;
        this.epochsSinceBest = epochsSinceBest;
    }

    /** Continues with what the checkpoint had kept. */
    static BestEpochKeeping resumedFrom(TrainingCheckpoint checkpoint, boolean validated) {
        return new BestEpochKeeping(validated, EpochScore.resumed(checkpoint), checkpoint.bestEpoch(),
                checkpoint.bestWeights(), checkpoint.epochsSinceBest());
    }

    /**
     * Judges a completed epoch; when it is better than the kept one, keeps the network's weights (asked
     * for only then, since exporting them costs).
     *
     * @return whether the epoch is the new best
     */
    boolean offer(EpochResult result, Supplier<byte[]> currentWeights) {
        EpochScore candidate = EpochScore.of(result, validated);
        if (!candidate.betterThan(score)) {
            epochsSinceBest++;
            return false;
        }
        score = candidate;
        epoch = result.epoch();
        weights = currentWeights.get();
        epochsSinceBest = 0;
        return true;
    }

    /** The kept epoch (1-based), 0 when none. */
    int epoch() {
        return epoch;
    }

    boolean hasWeights() {
        return weights != null;
    }

    /** Puts the kept weights back into the network; leaves it alone when nothing was kept. */
    void restoreInto(TrainableNetwork network) {
        if (weights != null) {
            network.importWeights(weights);
        }
    }

    /** What the epoch-end policies see after the last epoch of {@code history}. */
    EpochEnd epochEnd(List<EpochResult> history, Supplier<byte[]> currentWeights) {
        return new EpochEnd(history, epoch, score.score(), weights, epochsSinceBest, currentWeights);
    }
}
