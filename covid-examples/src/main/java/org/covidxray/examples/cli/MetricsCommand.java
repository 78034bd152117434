package org.covidxray.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code covid metrics}. */
@Command(name = "metrics", mixinStandardHelpOptions = true)
final class MetricsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'covid metrics' is not available in this build yet.");
    }
}
