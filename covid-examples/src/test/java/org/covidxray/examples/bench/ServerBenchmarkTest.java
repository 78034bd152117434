package org.covidxray.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code covid benchmark server} with every part cut short: it starts the server in its own JVM, reports
 * each part and the memory curve, and stops the server. (The real run is in docs/benchmarks.md.)
 */
class ServerBenchmarkTest {

    @Test
    void runsEveryPartAgainstAServerOfItsOwnAndReportsThem(@TempDir Path dir) throws Exception {
        Path images = SharedData.require("nih-chestxray14-adult/images");
        Path curve = dir.resolve("curve.csv");
        StringWriter out = new StringWriter();
        ServerBenchmark.run(new String[] {"--images", images.toString(), "--image-count", "5",
                "--max-concurrent", "1", "--queue", "1", "--overload-seconds", "2", "--idle-connections", "10",
                "--predictions", "20", "--sample-every", "10", "--curve-csv", curve.toString()},
                new PrintWriter(out));
        String report = out.toString();

        assertThat(report).contains("Overload: 2 s, 4 closed-loop clients = 2 x capacity (1 running + 1 queued)")
                .containsPattern("\\| 200 accepted \\| [1-9]\\d* \\|")
                .containsPattern("\\| 503 server_busy \\| [1-9]\\d* \\|")
                .contains("503 answers without a JSON server_busy body or Retry-After: 0; other statuses: 0")
                .contains("Idle connections: 10 open")
                .contains("answered 'HTTP/1.1 408 Request Timeout'")
                .contains("Memory: 20 sequential predictions");
        List<String> lines = Files.readAllLines(curve);
        assertThat(lines).first().isEqualTo("predictions,vmrss_kb");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[0]).containsExactly("0", "10", "20");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(Long.parseLong(l.split(",")[1]))
                .as("VmRSS of the server's own process").isGreaterThan(50_000));
    }

    @Test
    void helpListsTheParts() throws Exception {
        StringWriter out = new StringWriter();
        ServerBenchmark.run(new String[] {"--help"}, new PrintWriter(out));
        assertThat(out.toString()).contains("--overload-seconds", "--idle-connections", "--skip-trickle",
                "--predictions", "--curve-csv");
    }
}
