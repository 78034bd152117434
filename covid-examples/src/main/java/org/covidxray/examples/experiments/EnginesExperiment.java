package org.covidxray.examples.experiments;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "engines")
final class EnginesExperiment implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
