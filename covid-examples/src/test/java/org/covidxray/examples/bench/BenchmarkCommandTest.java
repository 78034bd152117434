package org.covidxray.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.covidxray.examples.CovidCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code covid benchmark}: which benchmark runs, and that the remaining arguments reach it untouched. */
class BenchmarkCommandTest {

    @Test
    void aMissingBenchmarkIsAUserError() {
        StringWriter err = new StringWriter();
        int code = CovidCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "benchmark",
                "no-such-benchmark");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown benchmark 'no-such-benchmark'");
    }

    @Test
    void benchmarkArgumentsGoToTheBenchmarkProgramOptionsIncluded() {
        CommandLine cli = CovidCommand.newCommandLine(false);
        CommandLine.ParseResult parsed = cli.parseArgs("benchmark", "engines", "--epochs", "3", "--backend", "djl");
        BenchmarkCommand benchmark = (BenchmarkCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(benchmark.which).isEqualTo("engines");
        assertThat(benchmark.args).containsExactly("--epochs", "3", "--backend", "djl");
    }
}
