package org.covidxray.training;

import org.covidxray.model.EpochResult;
/**
 * How good an epoch is, for keeping weights and for early stopping: the validation AUC (minus the
 * validation loss when the AUC is undefined), ties broken by minus the validation loss. Without
 * validation every epoch is better than the one before it, so the last is kept.
 *
 * @param score the main criterion, higher is better
 * @param tieBreak decides between equal scores, higher is better
 */
record EpochScore(double score, double tieBreak) {

    /** Worse than any epoch: what is kept before the first one. */
    static final EpochScore NONE = new EpochScore(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);

    static EpochScore of(EpochResult result, boolean validated) {
        if (!validated) {
            return new EpochScore(result.epoch(), 0);
        }
        double loss = result.validationLoss();
        double auc = result.validationAuc();
        // easy data reaches AUC 1.0 early, while the outputs are still poorly calibrated: among epochs
        // with the same AUC the one with the lower validation loss is better
        return new EpochScore(Double.isNaN(auc) ? -loss : auc, Double.isNaN(loss) ? 0 : -loss);
    }

    /**
     * The kept epoch's score when resuming: the checkpoint stores the score, and the tie-break is minus
     * that epoch's validation loss, which the checkpoint's history holds.
     */
    static EpochScore resumed(TrainingCheckpoint checkpoint) {
        double tieBreak = checkpoint.history().stream().filter(e -> e.epoch() == checkpoint.bestEpoch())
                .mapToDouble(EpochResult::validationLoss).filter(v -> !Double.isNaN(v))
                .map(v -> -v).findFirst().orElse(Double.NEGATIVE_INFINITY);
        return new EpochScore(checkpoint.bestScore(), tieBreak);
    }

    boolean betterThan(EpochScore other) {
        return score > other.score || (score == other.score && tieBreak > other.tieBreak);
    }
}
