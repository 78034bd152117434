package org.covidxray.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded percentile bootstrap confidence intervals for any metric.
 *
 * <p>Each of {@link #resamples()} resamples (default {@value #DEFAULT_RESAMPLES}) draws, with
 * replacement, as many units as the data has: images, or — when patient ids are given — patients,
 * each drawn patient bringing all of its images. Resampling patients keeps the images of one patient
 * together, so correlated images do not make the interval too narrow. The metric is computed on every
 * resample; resamples where it is undefined (NaN, e.g. no positive image drawn for a sensitivity) are
 * skipped and counted in {@link ConfidenceInterval#undefinedResamples()}. The bounds are the
 * {@code (1 - level) / 2} and {@code (1 + level) / 2} quantiles of the defined values, interpolated
 * linearly (numpy's default percentile). All metrics of one call see the same resamples, and the same
 * seed always gives the same intervals.
 */
public final class Bootstrap {
    /** Resamples drawn unless told otherwise. */
    public static final int DEFAULT_RESAMPLES = 2000;
    /** Coverage unless told otherwise. */
    public static final double DEFAULT_LEVEL = 0.95;

    private final int resamples;
    private final double level;
    private final long seed;

    /**
     * @param resamples number of resamples, at least 1
     * @param level coverage in (0, 1), e.g. 0.95
     * @param seed seed of the resampling; equal seeds give equal intervals
     */
    public Bootstrap(int resamples, double level, long seed) {
        if (resamples < 1) {
            throw new MetricsInputException("bootstrap needs at least 1 resample, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new MetricsInputException("confidence level " + level + " is not in (0, 1)");
        }
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    /** 2000 resamples, 95% intervals. */
    public static Bootstrap withSeed(long seed) {
        return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_LEVEL, seed);
    }

    public int resamples() {
        return resamples;
    }

    public double level() {
        return level;
    }

    public long seed() {
        return seed;
    }

    /**
     * The interval of one metric.
     *
     * @param size number of images
     * @param patientIds patient of each image, or {@code null} to resample images
     */
    public ConfidenceInterval interval(ResampledMetric metric, int size, String[] patientIds) {
        return intervals(Map.of("metric", metric), size, patientIds).get("metric");
    }

    /** Intervals of several metrics over the same resamples, keyed (and ordered) as given. */
    public Map<String, ConfidenceInterval> intervals(Map<String, ResampledMetric> metrics, int size,
                                                     String[] patientIds) {
        if (patientIds != null && patientIds.length != size) {
            throw new MetricsInputException(patientIds.length + " patient ids for " + size
                    + " images; give one patient id per image (or none to resample images)");
        }
        int[][] groups = patientIds == null ? singletons(size) : groupByPatient(patientIds);
        String method = patientIds == null ? "bootstrap percentile (images)" : "bootstrap percentile (patients)";
        List<String> names = new ArrayList<>(metrics.keySet());
        List<ResampledMetric> fns = new ArrayList<>(metrics.values());
        double[][] values = new double[names.size()][resamples];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            int[] drawn = draw(groups, random);
            for (int m = 0; m < fns.size(); m++) {
                values[m][r] = groups.length == 0 ? Double.NaN : fns.get(m).compute(drawn);
            }
        }
        int[] all = new int[size];
        Arrays.setAll(all, i -> i);
        Map<String, ConfidenceInterval> out = new LinkedHashMap<>();
        for (int m = 0; m < fns.size(); m++) {
            double estimate = size == 0 ? Double.NaN : fns.get(m).compute(all);
            out.put(names.get(m), percentile(estimate, values[m], method));
        }
        return out;
    }

    private ConfidenceInterval percentile(double estimate, double[] values, String method) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int undefined = values.length - defined.length;
        double alpha = (1 - level) / 2;
        return new ConfidenceInterval(estimate, quantile(defined, alpha), quantile(defined, 1 - alpha), level,
                method, resamples, undefined);
    }

    /** Linear interpolation between closest ranks (numpy's {@code percentile}, method "linear"). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    private static int[] draw(int[][] groups, SplittableRandom random) {
        int[][] chosen = new int[groups.length][];
        int total = 0;
        for (int g = 0; g < groups.length; g++) {
            chosen[g] = groups[random.nextInt(groups.length)];
            total += chosen[g].length;
        }
        int[] indices = new int[total];
        int k = 0;
        for (int[] group : chosen) {
            System.arraycopy(group, 0, indices, k, group.length);
            k += group.length;
        }
        return indices;
    }

    private static int[][] singletons(int size) {
        int[][] groups = new int[size][];
        for (int i = 0; i < size; i++) {
            groups[i] = new int[] {i};
        }
        return groups;
    }

    /** Images grouped by patient, patients in order of first appearance so the draw is reproducible. */
    private static int[][] groupByPatient(String[] patientIds) {
        Map<String, List<Integer>> byPatient = new LinkedHashMap<>();
        for (int i = 0; i < patientIds.length; i++) {
            if (patientIds[i] == null) {
                throw new MetricsInputException("patient id of image " + i + " is missing; every image needs one");
            }
            byPatient.computeIfAbsent(patientIds[i], p -> new ArrayList<>()).add(i);
        }
        return byPatient.values().stream()
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }
}
