package org.covidxray.examples.options;

import java.time.Duration;
import org.covidxray.examples.common.LoadGuard;
import picocli.CommandLine.Option;

/**
 * {@code --max-load}, {@code --load-wait-seconds} and {@code --allow-load}: how a benchmark decides that the
 * machine was quiet enough for its numbers to count ({@link LoadGuard}). Shared by the benchmarks that
 * repeat runs, so that they refuse to report under the same rule.
 */
public final class LoadOptions {
    @Option(names = "--max-load", defaultValue = "0.7",
            description = "Highest 1-minute load average (/proc/loadavg) before a run for the numbers to count; on a "
                    + "2-core machine a competing single-threaded process alone brings it to about 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    private double maxLoad;

    @Option(names = "--load-wait-seconds", defaultValue = "300",
            description = "How long to wait before each run for the load to fall below --max-load (the previous run "
                    + "leaves it near 2; it decays in about a minute) (default: ${DEFAULT-VALUE}).")
    private long loadWaitSeconds;

    @Option(names = "--allow-load",
            description = "Report the numbers even when the load was high and do not wait for it (smoke tests only: "
                    + "they are then not a result).")
    private boolean allowLoad;

    public double maxLoad() {
        return maxLoad;
    }

    public boolean allowLoad() {
        return allowLoad;
    }

    /** A guard on the machine's load average that waits up to --load-wait-seconds (not at all with --allow-load). */
    public LoadGuard guard() {
        return new LoadGuard(LoadGuard.procLoadAverage(), maxLoad, Duration.ofSeconds(allowLoad ? 0 : loadWaitSeconds),
                Duration.ofSeconds(5), d -> Thread.sleep(d.toMillis()));
    }

    /** Whether the numbers must be reported as "not a result": the load stayed high and --allow-load was not given. */
    public boolean notAResult(LoadGuard.Verdict verdict) {
        return verdict.competing() && !allowLoad;
    }

    /** The verdict's line, with a note when --allow-load showed loaded numbers anyway. */
    public String text(LoadGuard.Verdict verdict) {
        return verdict.text() + (verdict.competing() && allowLoad
                ? " (--allow-load: shown anyway, for a smoke test; not a result)" : "");
    }
}
