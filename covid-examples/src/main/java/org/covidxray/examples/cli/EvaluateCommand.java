package org.covidxray.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code covid evaluate}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true)
final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'covid evaluate' is not available in this build yet.");
    }
}
