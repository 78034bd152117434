package org.covidxray.examples.experiments;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "covid3")
final class Covid3Experiment implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
