package org.covidxray.examples.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.covidxray.io.AtomicFiles;
import org.covidxray.io.Json;

/**
 * What one engine benchmark run measured: the typed hand-over from the benchmark's JVM (and the PyTorch
 * reference script, which writes the same fields) to the engine comparison that started it. Written and
 * read as JSON with {@link Json}; a number that was not measured is NaN (JSON null), never 0.
 *
 * @param engine the engine, its version and device, e.g. {@code "DJL 0.30.0 PyTorch (cpu)"}
 * @param data the images, size, batch and network measured on
 * @param trainSteps the timed training steps
 * @param trainImagesPerSecond training throughput
 * @param rssAfterTrainingMb resident memory after the training steps
 * @param peakAfterTrainingMb peak resident memory up to then
 * @param latencyP50Ms batch-1 inference latency, median
 * @param latencyP95Ms batch-1 inference latency, 95th percentile
 * @param batchSize the batch of the batched inference
 * @param batchImagesPerSecond batched inference throughput
 * @param rssStartMb resident memory when the run started
 * @param rssBeforeMb resident memory before the long run of single predictions
 * @param rssAfterMb resident memory after it
 * @param predictions the single predictions of that run
 * @param rssCheckpointsMb resident memory after every fifth of that run
 * @param peakRssMb peak resident memory of the process
 */
public record EngineBenchmarkResult(String engine, String data, int trainSteps, double trainImagesPerSecond,
                                    double rssAfterTrainingMb, double peakAfterTrainingMb, double latencyP50Ms, double latencyP95Ms, int batchSize, double batchImagesPerSecond,
                                    double rssStartMb, double rssBeforeMb, double rssAfterMb, int predictions,
                                    List<Double> rssCheckpointsMb, double peakRssMb) {
    public EngineBenchmarkResult {
        rssCheckpointsMb = rssCheckpointsMb == null ? List.of() : List.copyOf(rssCheckpointsMb);
    }

    /** Reads a result a benchmark wrote. */
    public static EngineBenchmarkResult read(Path file) {
        try {
            return Json.mapper().readValue(file.toFile(), EngineBenchmarkResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the benchmark result " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes it, for the process that started the benchmark. */
    public void write(Path file) {
        AtomicFiles.writeString(file, Json.write(this));
    }

    /** The table people read, one measurement a line. */
    public String toText() {
        String nl = System.lineSeparator();
        return String.format(Locale.ROOT, "engine            %s", engine) + nl
                + String.format(Locale.ROOT, "data              %s", data) + nl
                + String.format(Locale.ROOT, "train img/s       %.1f  (%d steps)", trainImagesPerSecond, trainSteps) + nl
                + String.format(Locale.ROOT, "RSS after training %.0f MB (peak so far %.0f MB)", rssAfterTrainingMb,
                        peakAfterTrainingMb) + nl
                + String.format(Locale.ROOT, "batch-1 latency   p50 %.2f ms, p95 %.2f ms", latencyP50Ms, latencyP95Ms) + nl
                + String.format(Locale.ROOT, "batch-%d img/s    %.1f", batchSize, batchImagesPerSecond) + nl
                + String.format(Locale.ROOT, "RSS               start %.0f MB, before %d predictions %.0f MB, after %.0f MB",
                        rssStartMb, predictions, rssBeforeMb, rssAfterMb) + nl
                + "RSS every " + Math.max(1, predictions / 5) + "     "
                + String.join(", ", rssCheckpointsMb.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList())
                + " MB" + nl
                + String.format(Locale.ROOT, "peak RSS (VmHWM)  %.0f MB", peakRssMb);
    }
}
