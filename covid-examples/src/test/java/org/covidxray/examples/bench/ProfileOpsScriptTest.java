package org.covidxray.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code profile_ops.py}, the comparison of PyTorch profiler traces (DjlProfileProbe against
 * {@code reference_benchmark.py --profile}): self time is an event's duration minus that of the events nested in
 * it on the same thread, per step. Needs a Python 3 (any; the script uses only its standard library).
 */
class ProfileOpsScriptTest {
    private static final Path SCRIPT = Path.of("src/main/python/profile_ops.py");
    private static final String PYTHON = System.getProperty("covid.python", "/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void selfTimeLeavesOutNestedEventsOfTheSameThreadOnly() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + " to run profile_ops.py");
        // thread 1: conv 0-100 ms holding two children (10-40, 50-60 ms), then a relu after it (so conv ends while
        // the trace is still being read); thread 2: a relu that overlaps conv in time but is not nested in it; an
        // instant event without a duration is ignored
        Path trace = dir.resolve("trace.json");
        Files.writeString(trace, """
                {"traceEvents": [
                  {"ph": "X", "name": "conv", "pid": 1, "tid": 1, "ts": 0, "dur": 100000},
                  {"ph": "X", "name": "fill_", "pid": 1, "tid": 1, "ts": 10000, "dur": 30000},
                  {"ph": "X", "name": "fill_", "pid": 1, "tid": 1, "ts": 50000, "dur": 10000},
                  {"ph": "X", "name": "relu", "pid": 1, "tid": 2, "ts": 20000, "dur": 50000},
                  {"ph": "X", "name": "relu", "pid": 1, "tid": 1, "ts": 150000, "dur": 10000},
                  {"ph": "i", "name": "marker", "pid": 1, "tid": 1, "ts": 5000}
                ]}""");
        Process process = new ProcessBuilder(PYTHON, SCRIPT.toString(), trace.toString(), "--steps", "2")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(out).isZero();
        // per step of 2: conv 100 - 30 - 10 ms, fill_ 30 + 10 ms, relu 50 + 10 ms (not inside conv)
        assertThat(out).contains("| conv | 30.0 |").contains("| fill_ | 20.0 |").contains("| relu | 30.0 |")
                .contains("| **all** | 80.0 |").doesNotContain("marker");
        assertThat(out.lines().filter(l -> l.startsWith("| ")).map(String::strip).toList())
                .startsWith("| operator (self time, ms per step) | " + trace + " |");
    }
}
