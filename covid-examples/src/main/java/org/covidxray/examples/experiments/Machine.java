package org.covidxray.examples.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where an experiment ran, for its provenance.
 *
 * @param os {@code os.name/os.arch}
 * @param cores processors available to the JVM
 * @param cpu the CPU model from {@code /proc/cpuinfo}, or "unknown"
 * @param java the Java runtime version
 */
record Machine(String os, int cores, String cpu, String java) {

    static Machine current() {
        return new Machine(System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"));
    }

    private static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(info)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unknown";
        }
    }

    String text() {
        return os + ", " + cores + " cores (" + cpu + "), Java " + java;
    }
}
