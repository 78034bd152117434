package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.covidxray.examples.model.BundledModel;
import org.covidxray.examples.model.Disclaimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors: exit code 2, one line on standard error, no stack trace unless --verbose. */
class CovidCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownOptionIsOneLineAndExit2() {
        CliRun run = CliRun.of("predict", "--no-such-option", "x.png");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--no-such-option").contains("covid predict --help").doesNotContain("\tat ");
    }

    @Test
    void aMissingModelFileIsOneLineNamingTheFile() {
        Path missing = dir.resolve("missing-model.zip");
        CliRun run = CliRun.of("predict", "--model", missing.toString(), "x.png");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(missing.toString()).contains("does not exist").doesNotContain("\tat ");
    }

    @Test
    void aCorruptModelFileIsAUserError() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("model.zip"), "not a zip at all");
        CliRun run = CliRun.of("info", "--model", corrupt.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(corrupt.toString()).doesNotContain("\tat ");
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = CliRun.of("predict", "--verbose", "--model", dir.resolve("none.zip").toString(), "x.png");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void withoutABundledModelPredictSaysWhatToDo() {
        org.junit.jupiter.api.Assumptions.assumeFalse(BundledModel.present(), "skipped: this build has a bundled model");
        CliRun run = CliRun.of("predict", "x.png");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no bundled model").contains("--model");
    }

    @Test
    void versionAndHelpCarryTheDisclaimer() {
        assertThat(CliRun.of("--version").out()).contains(Disclaimer.TEXT);
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains(Disclaimer.TEXT)
                .contains("train", "evaluate", "predict", "explain", "metrics", "serve", "benchmark", "info");
    }
}
