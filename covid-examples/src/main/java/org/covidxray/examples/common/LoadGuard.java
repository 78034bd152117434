package org.covidxray.examples.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether the machine is quiet enough for a benchmark run to count. Before each run it reads the
 * 1-minute load average and, while that is above the threshold, waits (up to a bounded time) for it to
 * fall: the previous run's own threads leave the load near the core count, and it decays with a one-minute
 * time constant. A reading still above the threshold after the wait means another process is competing;
 * the readings are kept so that the comparison can say which load it saw. Engine-free; the load source and
 * the sleep are injected so that tests need no real machine state.
 */
public final class LoadGuard {
    /** The 1-minute load average, or NaN when it cannot be read. */
    @FunctionalInterface
    public interface LoadSource {
        double oneMinute();
    }

    /** Waits; tests pass one that only advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Linux's {@code /proc/loadavg}. */
    public static LoadSource procLoadAverage() {
        return () -> {
            try {
                return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        };
    }

    private final LoadSource source;
    private final double maxLoad;
    private final Duration maxWait;
    private final Duration poll;
    private final Sleeper sleeper;
    private final List<Double> readings = new ArrayList<>();

    public LoadGuard(LoadSource source, double maxLoad, Duration maxWait, Duration poll, Sleeper sleeper) {
        this.source = source;
        this.maxLoad = maxLoad;
        this.maxWait = maxWait;
        this.poll = poll;
        this.sleeper = sleeper;
    }

    /**
     * Waits until the load is at or below the threshold, or {@code maxWait} has passed; records and returns
     * the last reading (NaN when there is no load average to read).
     */
    public double awaitQuiet() throws InterruptedException {
        double load = source.oneMinute();
        Duration waited = Duration.ZERO;
        while (load > maxLoad && waited.compareTo(maxWait) < 0) {
            sleeper.sleep(poll);
            waited = waited.plus(poll);
            load = source.oneMinute();
        }
        readings.add(load);
        return load;
    }

    /** What the recorded readings say. */
    public Verdict verdict() {
        double worst = readings.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).max()
                .orElse(Double.NaN);
        return new Verdict(List.copyOf(readings), worst, maxLoad, worst > maxLoad);
    }

    /**
     * The load seen before the runs.
     *
     * @param readings the load before each run (and after the last), after any wait
     * @param worst the highest of them, NaN when none could be read
     * @param maxLoad the threshold
     * @param competing whether a reading stayed above the threshold, i.e. the numbers are not a result
     */
    public record Verdict(List<Double> readings, double worst, double maxLoad, boolean competing) {
        public Verdict {
            readings = List.copyOf(readings);
        }

        /** One line for the report: the load, and whether the runs count. */
        public String text() {
            if (Double.isNaN(worst)) {
                return "load average not readable (no /proc/loadavg): the machine's quiet could not be checked";
            }
            return competing
                    ? String.format(Locale.ROOT, "not a result (load %.2f): the 1-minute load average stayed above "
                            + "%.2f before a run, so another process was competing for the cores", worst, maxLoad)
                    : String.format(Locale.ROOT, "quiet machine: 1-minute load at most %.2f (threshold %.2f) before "
                            + "every run", worst, maxLoad);
        }
    }
}
