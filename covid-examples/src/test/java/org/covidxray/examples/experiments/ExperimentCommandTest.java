package org.covidxray.examples.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.covidxray.examples.CovidCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theCovidCommandListsTheExperiments() {
        StringWriter out = new StringWriter();
        int code = CovidCommand.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "experiment", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("original").contains("kermany").contains("covid3").contains("engines");
    }

    @Test
    void withoutAnExperimentNameItPrintsUsageAndFails() {
        ExperimentCli run = ExperimentCli.run();

        assertThat(run.exitCode()).isEqualTo(ExperimentCommand.USAGE);
        assertThat(run.out()).contains("Usage: experiment");
    }

    @Test
    void aMissingDataFolderIsAUserErrorNamingTheFolder() {
        StringWriter err = new StringWriter();
        Path missing = tmp.resolve("no-such-folder");
        int code = CovidCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "experiment",
                "original", "--backend", "fake", "--out", tmp.resolve("out").toString(), "--data", missing.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-folder");
    }
}
