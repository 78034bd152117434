package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingHistory;
import org.covidxray.training.BatchEvent;
import org.covidxray.training.TrainingListener;
import org.covidxray.training.TrainingPlan;

/**
 * Shows training progress: a progress bar per epoch (batches, running loss, speed, ETA) when a person
 * watches a terminal, then one line per epoch with the training and validation metrics. Without a
 * terminal (logs, CI) only the epoch lines are printed.
 */
final class TrainingProgress implements TrainingListener {
    private final PrintWriter out;
    private final boolean bars;
    private TrainingPlan plan;
    private ProgressBar bar;

    TrainingProgress(PrintWriter out, boolean bars) {
        this.out = out;
        this.bars = bars;
    }

    @Override
    public void onTrainingStart(TrainingPlan value) {
        plan = value;
        out.printf(Locale.ROOT, "Training on %s (%s): %d training and %d validation images, %d parameters, "
                        + "%d batches per epoch%n", value.backend(), value.device(), value.trainImages(),
                value.validationImages(), value.trainableParameters(), value.batchesPerEpoch());
        out.flush();
    }

    @Override
    public void onBatchEnd(BatchEvent event) {
        if (!bars) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "Epoch %d/%d", event.epoch(), plan == null ? 0 : plan.epochs()))
                    .setInitialMax(event.batchesPerEpoch())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        out.print('\r');
                        out.print(line);
                        out.flush();
                    }, 110))
                    .build();
        }
        bar.stepTo(event.batch() + 1L);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %.0f img/s", event.runningLoss(),
                event.imagesPerSecond()));
    }

    @Override
    public void onEpochEnd(EpochResult r, boolean improved) {
        closeBar();
        out.printf(Locale.ROOT, "Epoch %d/%d: loss %s acc %s | validation loss %s acc %s AUC %s | %.1f s, %.0f img/s%s%n",
                r.epoch(), plan == null ? r.epoch() : plan.epochs(), Text.num(r.trainLoss()), Text.num(r.trainAccuracy()),
                Text.num(r.validationLoss()), Text.num(r.validationAccuracy()), Text.num(r.validationAuc()),
                r.seconds(), r.imagesPerSecond(), improved ? "  (best so far)" : "");
        out.flush();
    }

    @Override
    public void onTrainingEnd(TrainingHistory history) {
        closeBar();
        out.println("Training ended (" + history.stopReason() + "); keeping epoch " + history.bestEpoch() + ".");
        out.flush();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
            out.println();
        }
    }
}
