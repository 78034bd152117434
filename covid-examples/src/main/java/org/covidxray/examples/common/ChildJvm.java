package org.covidxray.examples.common;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Another JVM like this one: the same java executable, JVM options and class path, for benchmarks that
 * measure a program in a process of its own; and what Linux says about a process's memory.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * java, this JVM's own options (the launcher's heap, off-heap and GC flags, which the engines need to
     * be measured as users run them), the class path and {@code mainClass}.
     */
    public static List<String> command(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        return command;
    }

    /**
     * A field of {@code /proc/<pid>/status} in kB (e.g. {@code VmRSS}, {@code VmHWM}); -1 where there is
     * none (not Linux, or the process has ended).
     */
    public static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
