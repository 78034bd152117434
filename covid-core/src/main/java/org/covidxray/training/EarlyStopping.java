package org.covidxray.training;

import java.util.Optional;
import org.covidxray.model.TrainingConfig;

/**
 * Ends training once {@code patience} epochs in a row were no better than the kept one (see
 * {@link EpochScore}); a patience of 0 never ends it.
 *
 * @param patience {@link TrainingConfig#earlyStoppingPatience()}
 */
record EarlyStopping(int patience) implements EpochEndPolicy {
    static final String REASON = "early stopping";

    EarlyStopping {
        if (patience < 0) {
            throw new IllegalArgumentException("early-stopping patience must be >= 0, was " + patience);
        }
    }

    @Override
    public Optional<String> afterEpoch(EpochEnd end) {
        return patience > 0 && end.epochsSinceBest() >= patience ? Optional.of(REASON) : Optional.empty();
    }
}
