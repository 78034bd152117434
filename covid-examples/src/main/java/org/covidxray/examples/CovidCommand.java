package org.covidxray.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.covidxray.Version;
import org.covidxray.examples.bench.BenchmarkCommand;
import org.covidxray.examples.cli.CompareCommand;
import org.covidxray.examples.cli.EvaluateCommand;
import org.covidxray.examples.cli.ExplainCommand;
import org.covidxray.examples.cli.ExportCommand;
import org.covidxray.examples.cli.InfoCommand;
import org.covidxray.examples.cli.MetricsCommand;
import org.covidxray.examples.cli.PredictCommand;
import org.covidxray.examples.cli.TrainCommand;
import org.covidxray.examples.common.ErrorHandlers;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.Programs;
import org.covidxray.examples.experiments.ExperimentCommand;
import org.covidxray.examples.web.ServeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code covid} command: wires the subcommands of {@code cli}, {@code web}, {@code bench} and
 * {@code experiments}, which know nothing of each other. Exit codes: 0 success, 1 internal error, 2 user error (bad option, missing
 * file, unknown backend, unusable data or model), 130 interrupted.
 */
@Command(name = "covid", mixinStandardHelpOptions = true, versionProvider = CovidCommand.VersionProvider.class,
        description = {"Train, evaluate and serve chest X-ray classifiers (COVID-19 / normal / pneumonia).",
                "Research software, not a diagnostic device."},
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExplainCommand.class,
                MetricsCommand.class, CompareCommand.class, ExportCommand.class, ServeCommand.class,
                BenchmarkCommand.class, InfoCommand.class, ExperimentCommand.class, CommandLine.HelpCommand.class})
public final class CovidCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Acted on before parsing (see {@link #execute}); declared so that every subcommand accepts it. */
    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces and debug logging.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command with these streams; returns the exit code (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return Programs.execute(CovidCommand::newCommandLine, out, err, args);
    }

    /** A configured command line: error handlers, case-insensitive enums, the global {@code --verbose}. */
    public static CommandLine newCommandLine(boolean verbose) {
        CommandLine cli = new CommandLine(new CovidCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(new ErrorHandlers.BadParameters(verbose));
        cli.setExecutionExceptionHandler(new ErrorHandlers.Failures(verbose));
        // everything after the benchmark's name belongs to the benchmark program, options included
        cli.getSubcommands().get("benchmark").setStopAtPositional(true);
        return cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USER_ERROR;
    }

    /** The library version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"covid-xray " + Version.get(), "Research software, not a diagnostic device."};
        }
    }
}
