package org.covidxray.training;

import java.util.Locale;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SLF4J line per epoch (and one at the end), for runs whose output goes to a file: experiments,
 * batch jobs, a server's log. Programs that draw a progress bar on a terminal use their own listener.
 */
public final class EpochLog implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(EpochLog.class);
    private final String run;
    private TrainingPlan plan;

    /** @param run what is being trained, named in every line (e.g. "left out: mhh-covid19") */
    public EpochLog(String run) {
        this.run = run;
    }

    @Override
    public void onTrainingStart(TrainingPlan value) {
        this.plan = value;
    }

    @Override
    public void onEpochEnd(EpochResult r, boolean improved) {
        LOG.info(String.format(Locale.ROOT, "%s: epoch %d%s: loss %.4f acc %.3f | val loss %.4f acc %.3f AUC %.3f | "
                        + "%.1f img/s, %.0f s%s", run, r.epoch(), plan == null ? "" : "/" + plan.epochs(), r.trainLoss(),
                r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(), r.validationAuc(), r.imagesPerSecond(),
                r.seconds(), improved ? " (best so far)" : ""));
    }

    @Override
    public void onTrainingEnd(TrainingHistory history) {
        LOG.info("{}: kept epoch {} ({})", run, history.bestEpoch(), history.stopReason());
    }
}
