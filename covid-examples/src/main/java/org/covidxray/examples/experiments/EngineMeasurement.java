package org.covidxray.examples.experiments;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine's benchmark numbers, parsed from the table that EngineBenchmark (and the PyTorch
 * reference script, which prints the same table) writes. A number the table lacks is NaN.
 *
 * @param engine the engine as the table names it
 * @param trainImagesPerSecond training throughput
 * @param latencyP50Ms batch-1 inference latency, median
 * @param latencyP95Ms batch-1 inference latency, 95th percentile
 * @param batchImagesPerSecond batched inference throughput
 * @param peakRssMb peak resident memory of the process
 * @param firstPredictionSeconds time from process start to the first prediction's exit, or NaN
 * @param raw the table as printed
 */
record EngineMeasurement(String engine, double trainImagesPerSecond, double latencyP50Ms, double latencyP95Ms,
                         double batchImagesPerSecond, double peakRssMb, double firstPredictionSeconds, String raw) {
    private static final Pattern ENGINE = Pattern.compile("(?m)^engine\\s+(.+)$");
    private static final Pattern TRAIN = Pattern.compile("(?m)^train img/s\\s+([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("p50 ([0-9.]+) ms, p95 ([0-9.]+) ms");
    private static final Pattern BATCH = Pattern.compile("(?m)^batch-\\d+ img/s\\s+([0-9.]+)");
    private static final Pattern PEAK = Pattern.compile("(?m)^peak RSS[^0-9]*([0-9.]+) MB");

    static EngineMeasurement parse(String fallbackName, String output, double firstPredictionSeconds) {
        Matcher engine = ENGINE.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        boolean hasLatency = latency.find();
        return new EngineMeasurement(engine.find() ? engine.group(1).trim() : fallbackName, number(TRAIN, output),
                hasLatency ? Double.parseDouble(latency.group(1)) : Double.NaN,
                hasLatency ? Double.parseDouble(latency.group(2)) : Double.NaN, number(BATCH, output),
                number(PEAK, output), firstPredictionSeconds, output);
    }

    private static double number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Cells of the Markdown table row. */
    List<String> row() {
        return List.of(engine, Text.number(trainImagesPerSecond, 1), Text.number(latencyP50Ms, 2),
                Text.number(latencyP95Ms, 2), Text.number(batchImagesPerSecond, 1), Text.number(peakRssMb, 0),
                Double.isNaN(firstPredictionSeconds) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", firstPredictionSeconds));
    }
}
