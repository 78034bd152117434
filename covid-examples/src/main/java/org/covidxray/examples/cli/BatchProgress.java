package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.covidxray.evaluation.DatasetPredictor;

/**
 * Progress of a batch run on standard error: a progress bar (images, speed, ETA) when a person watches a
 * terminal, else one line every {@code every} images, so that a log shows the run is alive.
 */
final class BatchProgress implements DatasetPredictor.Progress, AutoCloseable {
    private final PrintWriter err;
    private final boolean bar;
    private final int every;
    private final long start = System.nanoTime();
    private ProgressBar progressBar;
    private long nextLine;

    BatchProgress(PrintWriter err, boolean bar, int every) {
        this.err = err;
        this.bar = bar;
        this.every = every;
        this.nextLine = every;
    }

    @Override
    public void done(int images, int total) {
        if (bar) {
            if (progressBar == null) {
                progressBar = new ProgressBarBuilder().setTaskName("Predicting").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" img", 1)
                        .showSpeed().setConsumer(new DelegatingProgressBarConsumer(line -> {
                            err.print('\r');
                            err.print(line);
                            err.flush();
                        }, 110)).build();
            }
            progressBar.stepTo(images);
            return;
        }
        if (images >= nextLine || images == total) {
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "%d/%d images (%.1f%%), %.1f images/s%n", images, total, 100.0 * images / total,
                    images / Math.max(seconds, 1e-9));
            err.flush();
            while (nextLine <= images) {
                nextLine += every;
            }
        }
    }

    @Override
    public void close() {
        if (progressBar != null) {
            progressBar.close();
            err.println();
            err.flush();
        }
    }
}
