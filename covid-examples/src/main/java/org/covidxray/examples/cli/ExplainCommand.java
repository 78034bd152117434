package org.covidxray.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code covid explain}. */
@Command(name = "explain", mixinStandardHelpOptions = true)
final class ExplainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'covid explain' is not available in this build yet.");
    }
}
