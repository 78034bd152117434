package org.covidxray.examples.experiments;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code covid experiment NAME ...}: the experiments of docs/experiments.md, one subcommand each.
 * Every one writes a report folder with {@code experiment.json}, {@code summary.md} and the standard
 * evaluation report files.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Reproduce and critically re-run published chest X-ray experiments; each writes a report folder.",
                "Research software, not a diagnostic device."},
        subcommands = {OriginalExperiment.class, KermanyExperiment.class, Covid3Experiment.class,
                EnginesExperiment.class, SourcesExperiment.class})
public final class ExperimentCommand implements Callable<Integer> {
    /** Exit code when no experiment was named. */
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    /** Runs {@code experiment ...} on its own (the {@code covid} command registers it as a subcommand). */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ExperimentCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    /** The command as typed, for the provenance: {@code covid experiment original --data ...}. */
    static String commandLine(CommandSpec spec) {
        CommandLine root = spec.root().commandLine();
        List<String> args = root.getParseResult() == null ? List.of() : root.getParseResult().originalArgs();
        String prefix = "covid".equals(spec.root().name()) ? "covid" : "covid " + spec.root().name();
        return prefix + (args.isEmpty() ? "" : " " + args.stream().map(ExperimentCommand::quote)
                .collect(Collectors.joining(" ")));
    }

    private static String quote(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"')
                ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }
}
