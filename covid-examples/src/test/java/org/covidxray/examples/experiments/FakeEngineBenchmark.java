package org.covidxray.examples.experiments;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.covidxray.examples.common.EngineBenchmarkResult;

/**
 * Stands in for EngineBenchmark in the engines smoke test: checks its arguments, prints a line the test
 * looks for, and writes a typed result where {@code --result-json} says.
 */
public final class FakeEngineBenchmark {
    private FakeEngineBenchmark() {
    }

    public static void main(String[] args) {
        List<String> a = Arrays.asList(args);
        String backend = a.get(a.indexOf("--backend") + 1);
        if (!a.contains("--image-size") || !a.contains("--images") || !a.contains("--result-json")) {
            System.exit(3);
        }
        EngineBenchmarkResult result = new EngineBenchmarkResult("fake 1.0 on " + backend + " (cpu)",
                "16 Kermany images, 32 px, batch 4, cnn4", 3, 123.4, 55, 56, 2.50, 4.75, 4, 456.7, 50, 60, 61, 10,
                List.of(60.0, 61.0), 321);
        result.write(Path.of(a.get(a.indexOf("--result-json") + 1)));
        System.out.println(result.toText());
        System.out.println("jvm options       " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
