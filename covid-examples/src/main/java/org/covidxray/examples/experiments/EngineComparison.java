package org.covidxray.examples.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.covidxray.examples.common.Medians;

/**
 * The engine comparison at one image size: each engine's repeated measurements reduced to medians, and the
 * ratios the engine goals (issue 14) are stated in, each checked against its target. Engine-free; the
 * engines are keyed by backend name ({@value #DJL}, {@value #DL4J}) and {@value #REFERENCE} for the PyTorch
 * script. A ratio whose inputs were not measured is NaN and its verdict "n/a".
 *
 * @param imageSize the input side in pixels
 * @param medians per engine key, the median of each number over its runs (NaN runs left out)
 * @param runs per engine key, how many runs the medians are over
 * @param targets the goals, in a fixed order
 */
record EngineComparison(int imageSize, Map<String, EngineMeasurement> medians, Map<String, Integer> runs,
                        List<TargetCheck> targets) {
    static final String DJL = "djl";
    static final String DL4J = "dl4j";
    static final String REFERENCE = "reference";
    /** DL4J's peak resident memory goal, 2 GB. */
    static final double DL4J_RSS_LIMIT_MB = 2048;

    EngineComparison {
        // in the order given: the tables show the engines as they ran
        medians = Collections.unmodifiableMap(new LinkedHashMap<>(medians));
        runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
        targets = List.copyOf(targets);
    }

    /** Medians and target checks of {@code measured} (engine key to its runs, in the order to show them). */
    static EngineComparison of(int imageSize, Map<String, List<EngineMeasurement>> measured) {
        Map<String, EngineMeasurement> medians = new LinkedHashMap<>();
        Map<String, Integer> runs = new LinkedHashMap<>();
        measured.forEach((key, list) -> {
            if (!list.isEmpty()) {
                medians.put(key, median(list));
                runs.put(key, list.size());
            }
        });
        EngineMeasurement djl = medians.get(DJL);
        EngineMeasurement dl4j = medians.get(DL4J);
        EngineMeasurement ref = medians.get(REFERENCE);
        List<TargetCheck> targets = List.of(
                TargetCheck.atLeast("DJL training / reference", ratio(djl, ref, EngineMeasurement::trainImagesPerSecond), 1.0),
                TargetCheck.atMost("DJL batch-1 p50 / reference", ratio(djl, ref, EngineMeasurement::latencyP50Ms), 1.1),
                TargetCheck.atLeast("DL4J training / DJL", ratio(dl4j, djl, EngineMeasurement::trainImagesPerSecond), 0.5),
                TargetCheck.atMost("DL4J batch-1 p50 / DJL", ratio(dl4j, djl, EngineMeasurement::latencyP50Ms), 3.0),
                TargetCheck.atMost("DL4J peak RSS MB", dl4j == null ? Double.NaN : dl4j.peakRssMb(), DL4J_RSS_LIMIT_MB));
        return new EngineComparison(imageSize, medians, runs, targets);
    }

    /** Each number's median over the runs; the engine named as in the first run. */
    static EngineMeasurement median(List<EngineMeasurement> runs) {
        return new EngineMeasurement(runs.get(0).engine(), median(runs, EngineMeasurement::trainImagesPerSecond),
                median(runs, EngineMeasurement::latencyP50Ms), median(runs, EngineMeasurement::latencyP95Ms),
                median(runs, EngineMeasurement::batchImagesPerSecond), median(runs, EngineMeasurement::peakRssMb),
                median(runs, EngineMeasurement::firstPredictionSeconds));
    }

    /** The median of the defined values (mean of the middle two for an even count); NaN when none is. */
    static double median(List<EngineMeasurement> runs, ToDoubleFunction<EngineMeasurement> field) {
        return Medians.of(runs, field);
    }

    private static double ratio(EngineMeasurement a, EngineMeasurement b, ToDoubleFunction<EngineMeasurement> f) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        double denominator = f.applyAsDouble(b);
        return denominator > 0 ? f.applyAsDouble(a) / denominator : Double.NaN;
    }

    /** Whether every target with a value was met (targets that could not be checked do not count as met). */
    boolean allMet() {
        return targets.stream().allMatch(TargetCheck::met);
    }

    /** The medians table, Markdown. */
    String mediansTable(int batchSize) {
        List<List<String>> rows = new ArrayList<>();
        medians.forEach((key, m) -> {
            List<String> row = new ArrayList<>(m.row());
            row.add(1, String.valueOf(runs.get(key)));
            rows.add(row);
        });
        return Text.table(List.of("engine", "runs", "train img/s", "batch-1 p50 ms", "batch-1 p95 ms",
                "batch-" + batchSize + " img/s", "peak RSS MB", "JVM start to first prediction s"), rows);
    }

    /** The targets table, Markdown; {@code notAResult} (or null) replaces every verdict when the load was high. */
    String targetsTable(String notAResult) {
        return Text.table(List.of("goal", "value", "target", "verdict"), targets.stream()
                .map(t -> Arrays.asList(t.name(), Text.number(t.value(), t.limit() > 100 ? 0 : 2), t.targetText(),
                        notAResult != null ? notAResult : t.verdict()))
                .toList());
    }

    /**
     * One goal: a measured value against a limit.
     *
     * @param name what is measured, e.g. "DL4J training / DJL"
     * @param value the measured ratio or amount, NaN when an input is missing
     * @param limit the target
     * @param atLeast whether the value must be at least the limit (else at most)
     */
    record TargetCheck(String name, double value, double limit, boolean atLeast) {
        static TargetCheck atLeast(String name, double value, double limit) {
            return new TargetCheck(name, value, limit, true);
        }

        static TargetCheck atMost(String name, double value, double limit) {
            return new TargetCheck(name, value, limit, false);
        }

        boolean met() {
            return !Double.isNaN(value) && (atLeast ? value >= limit : value <= limit);
        }

        /** "met", "not met" or "n/a" (an input was not measured). */
        String verdict() {
            return Double.isNaN(value) ? "n/a" : met() ? "met" : "not met";
        }

        String targetText() {
            return String.format(Locale.ROOT, "%s %s", atLeast ? "≥" : "≤",
                    limit > 100 ? String.format(Locale.ROOT, "%.0f", limit) : String.format(Locale.ROOT, "%.1f", limit));
        }
    }
}
