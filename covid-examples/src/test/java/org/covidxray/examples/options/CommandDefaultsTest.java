package org.covidxray.examples.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.covidxray.examples.CovidCommand;
import org.junit.jupiter.api.Test;

/** Shared options are declared once; each command's own defaults come from its provider and show in its help. */
class CommandDefaultsTest {

    @Test
    void trainRunsWhereItIsFastestAndSavedModelsOnTheCpu() {
        assertThat(help("train")).containsPattern("--device=auto\\|cpu\\|gpu[\\s\\S]*?\\(default:\\s+auto\\)");
        assertThat(help("predict")).containsPattern("--device=auto\\|cpu\\|gpu[\\s\\S]*?\\(default:\\s+cpu\\)");
    }

    @Test
    void kermanyValidatesOnATenthAndTrainOnFifteenPercent() {
        assertThat(help("experiment", "kermany")).containsPattern("--val-fraction=<valFraction>[\\s\\S]*?default:\\s+0\\.1\\)")
                .containsPattern("--test-fraction=<testFraction>[\\s\\S]*?default:\\s+0\\.2\\)");
        assertThat(help("train")).containsPattern("--val-fraction=<valFraction>[\\s\\S]*?default:\\s+0\\.15\\)");
    }

    @Test
    void covid3BalancesTheLossAndTheOriginalSplitsEightyTwenty() {
        assertThat(help("experiment", "covid3")).containsPattern("--class-weights=none\\|balanced[\\s\\S]*?default:\\s+balanced\\)");
        assertThat(help("experiment", "original")).containsPattern("--test-fraction=<testFraction>[\\s\\S]*?default:\\s+0\\.2\\)")
                .doesNotContain("--val-fraction");
        assertThat(help("train")).containsPattern("--class-weights=none\\|balanced[\\s\\S]*?default:\\s+none\\)");
    }

    private static String help(String... command) {
        StringWriter out = new StringWriter();
        String[] args = new String[command.length + 1];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--help";
        int code = CovidCommand.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
        assertThat(code).isZero();
        return out.toString();
    }
}
