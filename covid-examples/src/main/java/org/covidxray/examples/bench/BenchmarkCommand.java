package org.covidxray.examples.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
 * {@code covid benchmark engines|preprocessing [ARGS...]}: runs the benchmark programs of
 * {@code org.covidxray.examples.bench}, passing the remaining arguments to their {@code main}.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Compare the engines (training and inference speed, memory, accuracy) or time preprocessing.",
                "Arguments after the benchmark name go to it; try 'covid benchmark engines --help'."})
public final class BenchmarkCommand implements Callable<Integer> {
    static final String PACKAGE = "org.covidxray.examples.bench.";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "engines|preprocessing", defaultValue = "engines",
            description = "Which benchmark (default: ${DEFAULT-VALUE}).")
    String which;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the benchmark.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String className = switch (which) {
            case "engines", "engine" -> PACKAGE + "EngineBenchmark";
            case "preprocessing" -> PACKAGE + "PreprocessingBenchmark";
            default -> throw new UserException("Unknown benchmark '" + which + "': use engines or preprocessing.");
        };
        Method main;
        try {
            main = Class.forName(className).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new UserException("This build has no " + which + " benchmark (" + className + ").", e);
        }
        spec.commandLine().getOut().flush();
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        return ExitCodes.OK;
    }
}
