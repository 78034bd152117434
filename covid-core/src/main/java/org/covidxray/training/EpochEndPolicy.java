package org.covidxray.training;

import java.util.Optional;

/**
 * A rule the training loop applies after every completed epoch, once listeners have heard of it: the
 * loop's counterpart of Keras callbacks and DJL's training listeners, except that it may end training.
 * An epoch cut short by the stop signal reaches no policy.
 */
interface EpochEndPolicy {

    /** Applies the rule; returns why training should end now (the history's stop reason), or empty to go on. */
    Optional<String> afterEpoch(EpochEnd end);
}
