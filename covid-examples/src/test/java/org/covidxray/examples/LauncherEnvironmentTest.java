package org.covidxray.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment the {@code ./covid} launcher gives the JVM: a copy of the script beside empty stand-ins
 * for the jars it looks for, with a {@code java} on the path that prints what it was given, so no build and
 * no JVM are needed. Every command gets the same malloc settings (one arena, high mmap and trim thresholds:
 * training reuses its activations, and {@code predict} and {@code batch}, whose throughput is compared, run
 * alike; docs/engines.md); what the user set wins.
 */
class LauncherEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandGetsOneArenaAndTheMallocThresholds() throws Exception {
        Path launcher = layout();
        assertThat(run(launcher, Map.of(), "predict", "--help"))
                .contains("arenas=1 mmap=1073741824 trim=4294967296").contains("CovidCommand predict --help");
        assertThat(run(launcher, Map.of(), "batch", "--help"))
                .contains("arenas=1 mmap=1073741824 trim=4294967296").contains("BatchCommand --help");
        assertThat(run(launcher, Map.of(), "train", "--help")).contains("arenas=1 mmap=1073741824 trim=4294967296");
        assertThat(run(launcher, Map.of(), "serve")).contains("arenas=1 mmap=1073741824 trim=4294967296");
    }

    @Test
    void aThresholdTheUserSetIsKept() throws Exception {
        Path launcher = layout();
        assertThat(run(launcher, Map.of("MALLOC_MMAP_THRESHOLD_", "65536"), "batch", "--help"))
                .contains("mmap=65536 trim=4294967296");
        assertThat(run(launcher, Map.of("MALLOC_ARENA_MAX", "4"), "train", "--help")).contains("arenas=4 mmap=");
    }

    /** The launcher copied into {@code dir} with empty jars and lib folders, and a fake {@code java}. */
    private Path layout() throws Exception {
        Path script = Path.of("..", "covid");
        assumeTrue(Files.isRegularFile(script), "the launcher is at the repository root, beside this module");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the launcher is a POSIX shell script");
        Path launcher = Files.copy(script, dir.resolve("covid"));
        Files.createDirectories(dir.resolve("covid-examples/target/lib"));
        Files.createFile(dir.resolve("covid-examples/target/covid-examples.jar"));
        Files.createDirectories(dir.resolve("covid-spark/target/lib"));
        Files.createDirectories(dir.resolve("covid-spark/target/spark-lib"));
        Files.createDirectories(dir.resolve("covid-spark/target/classes"));
        Files.createFile(dir.resolve("covid-spark/target/covid-spark.jar"));
        Files.createFile(dir.resolve("covid-spark/target/classes/spark-jvm-options"));
        Path java = dir.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho \"arenas=${MALLOC_ARENA_MAX:-unset} mmap=${MALLOC_MMAP_THRESHOLD_:-unset} "
                + "trim=${MALLOC_TRIM_THRESHOLD_:-unset} $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    private String run(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Stream.concat(Stream.of("/bin/sh", launcher.toString()), Stream.of(args)).toList())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.remove("MALLOC_ARENA_MAX");
        environment.remove("MALLOC_MMAP_THRESHOLD_");
        environment.remove("MALLOC_TRIM_THRESHOLD_");
        environment.put("PATH", dir.resolve("bin") + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("COVID_CDS", "off");
        environment.putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
