package org.covidxray.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code covid train}. */
@Command(name = "train", mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'covid train' is not available in this build yet.");
    }
}
