package org.covidxray.examples.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code covid benchmark engines|pipeline|preprocessing|server [ARGS...]}: runs {@link EngineBenchmark},
 * {@link PipelineBenchmark}, {@link PreprocessingBenchmark} or {@link ServerBenchmark} in this JVM, passing the remaining arguments
 * on; their output is this command's.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Compare the engines (training and inference speed, memory, accuracy), the training pipeline against "
                + "the engine's raw step rate, time preprocessing, "
                + "or abuse the web server (overload, idle and slow clients, memory over a long run).",
                "Arguments after the benchmark name go to it; try 'covid benchmark engines --help'."})
public final class BenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "engines|pipeline|preprocessing|server", defaultValue = "engines",
            description = "Which benchmark (default: ${DEFAULT-VALUE}).")
    String which;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the benchmark.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String[] given = args.toArray(String[]::new);
        switch (which) {
            case "engines", "engine" -> EngineBenchmark.run(given, out);
            case "preprocessing" -> PreprocessingBenchmark.run(given, out);
            case "pipeline" -> {
                return PipelineBenchmark.run(given, out);
            }
            case "server" -> ServerBenchmark.run(given, out);
            default -> throw new UserException("Unknown benchmark '" + which + "': use engines, pipeline, preprocessing or server.");
        }
        return ExitCodes.OK;
    }
}
