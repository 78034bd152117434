package org.covidxray.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.covidxray.examples.common.Medians;

/**
 * What the training pipeline benchmark measured, and whether the pipeline keeps the engine busy: each
 * epoch's images/s as the training loop timed it, the first epoch end to end (from the start of
 * {@code TrainingLoop.run}, so decoding the images into the tensor cache and building the network count
 * too), and the engine's raw step rate on batches already in memory. The goal (issue 14) is at least
 * {@value #TARGET}× the raw rate. Engine-free.
 *
 * @param epochImagesPerSecond per epoch, images trained on divided by the epoch's own seconds
 * @param firstEpochEndToEndImagesPerSecond images of epoch 1 divided by the time from the loop's start to
 *     epoch 1's end
 * @param rawImagesPerSecond training steps on in-memory batches of the same images, size and batch
 * @param cached whether the tensor cache held the images (else every batch was decoded again)
 */
record PipelineRates(List<Double> epochImagesPerSecond, double firstEpochEndToEndImagesPerSecond,
                     double rawImagesPerSecond, boolean cached) {
    static final double TARGET = 0.9;

    PipelineRates {
        epochImagesPerSecond = List.copyOf(epochImagesPerSecond);
    }

    /**
     * The medians of repeated runs, field by field: each epoch's rate, the first epoch end to end and the raw
     * rate, so that ratios are of the medians (as in {@code covid experiment engines}). The runs must have the
     * same number of epochs; the cache flag is whether every run trained from the tensor cache.
     */
    static PipelineRates medians(List<PipelineRates> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to take the medians of");
        }
        int epochs = runs.get(0).epochImagesPerSecond().size();
        if (runs.stream().anyMatch(r -> r.epochImagesPerSecond().size() != epochs)) {
            throw new IllegalArgumentException("the runs trained different numbers of epochs");
        }
        List<Double> perEpoch = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            int epoch = e;
            perEpoch.add(median(runs, r -> r.epochImagesPerSecond().get(epoch)));
        }
        return new PipelineRates(perEpoch, median(runs, PipelineRates::firstEpochEndToEndImagesPerSecond),
                median(runs, PipelineRates::rawImagesPerSecond), runs.stream().allMatch(PipelineRates::cached));
    }

    private static double median(List<PipelineRates> runs, ToDoubleFunction<PipelineRates> field) {
        return Medians.of(runs, field);
    }

    /** Epoch {@code epoch} (1-based) against the raw rate; NaN when either is missing. */
    double ratio(int epoch) {
        return ratio(epochImagesPerSecond.get(epoch - 1));
    }

    double ratio(double rate) {
        return rawImagesPerSecond > 0 && !Double.isNaN(rate) ? rate / rawImagesPerSecond : Double.NaN;
    }

    static String verdict(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : ratio >= TARGET ? "met" : "not met";
    }

    /** The lines the benchmark prints. */
    String toText() {
        String nl = System.lineSeparator();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "raw step rate           %.1f img/s (in-memory batches)", rawImagesPerSecond))
                .append(nl);
        for (int e = 1; e <= epochImagesPerSecond.size(); e++) {
            double r = ratio(e);
            s.append(String.format(Locale.ROOT, "epoch %d (loop's timing) %.1f img/s  %.2fx raw  %s (target >= %.1fx)%s",
                    e, epochImagesPerSecond.get(e - 1), r, verdict(r), TARGET,
                    e == 1 ? "" : cached ? "  [from the tensor cache]" : "  [decoded again: cache too small]"))
                    .append(nl);
        }
        double r = ratio(firstEpochEndToEndImagesPerSecond);
        s.append(String.format(Locale.ROOT, "epoch 1 end to end      %.1f img/s  %.2fx raw  %s (decoding into the cache "
                + "and building the network included)", firstEpochEndToEndImagesPerSecond, r, verdict(r)));
        return s.toString();
    }
}
