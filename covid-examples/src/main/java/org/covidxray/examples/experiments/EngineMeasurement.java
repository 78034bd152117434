package org.covidxray.examples.experiments;

import java.util.List;
import java.util.Locale;
import org.covidxray.examples.common.EngineBenchmarkResult;

/**
 * One engine's row of the comparison: the numbers its benchmark handed back as an
 * {@link EngineBenchmarkResult} (EngineBenchmark's, or the PyTorch reference script's), and the time a
 * fresh JVM took to its first prediction. A number that was not measured is NaN.
 *
 * @param engine the engine as its benchmark names it
 * @param trainImagesPerSecond training throughput
 * @param latencyP50Ms batch-1 inference latency, median
 * @param latencyP95Ms batch-1 inference latency, 95th percentile
 * @param batchImagesPerSecond batched inference throughput
 * @param peakRssMb peak resident memory of the process
 * @param firstPredictionSeconds time from process start to the first prediction's exit, or NaN
 */
record EngineMeasurement(String engine, double trainImagesPerSecond, double latencyP50Ms, double latencyP95Ms,
                         double batchImagesPerSecond, double peakRssMb, double firstPredictionSeconds) {

    static EngineMeasurement of(EngineBenchmarkResult result, double firstPredictionSeconds) {
        return new EngineMeasurement(result.engine(), result.trainImagesPerSecond(), result.latencyP50Ms(),
                result.latencyP95Ms(), result.batchImagesPerSecond(), result.peakRssMb(), firstPredictionSeconds);
    }

    /** Cells of the Markdown table row. */
    List<String> row() {
        return List.of(engine, Text.number(trainImagesPerSecond, 1), Text.number(latencyP50Ms, 2),
                Text.number(latencyP95Ms, 2), Text.number(batchImagesPerSecond, 1), Text.number(peakRssMb, 0),
                Double.isNaN(firstPredictionSeconds) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", firstPredictionSeconds));
    }
}
