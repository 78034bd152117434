package org.covidxray.examples.common;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Runs a picocli program on given streams, the same way for {@code covid} and {@code covid batch}:
 * {@code --verbose}/{@code -v} switches debug logging on before parsing (so parsing itself is logged),
 * the command line is built for that setting, and both streams are flushed before the exit code returns.
 */
public final class Programs {
    private Programs() {
    }

    /**
     * @param commandLine builds the configured command line, given whether {@code --verbose} was asked for
     * @return the program's exit code
     */
    public static int execute(Function<Boolean, CommandLine> commandLine, PrintWriter out, PrintWriter err,
                              String... args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.equals("-v"));
        if (verbose) {
            Logging.verbose();
        }
        CommandLine cli = commandLine.apply(verbose);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
