package org.covidxray.examples.experiments;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/** Stands in for EngineBenchmark in the engines smoke test: checks its arguments and prints a table in its format. */
public final class FakeEngineBenchmark {
    private FakeEngineBenchmark() {
    }

    public static void main(String[] args) {
        List<String> a = Arrays.asList(args);
        String backend = a.get(a.indexOf("--backend") + 1);
        if (!a.contains("--size") || !a.contains("--images")) {
            System.exit(3);
        }
        System.out.println("engine            fake 1.0 on " + backend + " (cpu)");
        System.out.println("data              16 Kermany images, 32 px, batch 4, cnn4");
        System.out.println("train img/s       123.4  (3 steps)");
        System.out.println("batch-1 latency   p50 2.50 ms, p95 4.75 ms");
        System.out.println("batch-4 img/s    456.7");
        System.out.println("RSS               start 50 MB, before 10 predictions 60 MB, after 61 MB");
        System.out.println("peak RSS (VmHWM)  321 MB");
        System.out.println("jvm options       " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
