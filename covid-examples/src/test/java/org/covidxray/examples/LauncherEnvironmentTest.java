package org.covidxray.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
 * alike; docs/engines.md); what the user set wins. The first run after a build records its classes and
 * then dumps a static class-data-sharing archive from that list, which later runs map.
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

    @Test
    void theFirstRunRecordsItsClassesAndDumpsAStaticArchiveThatLaterRunsMap() throws Exception {
        Path launcher = layout();
        Path archive = dir.resolve("covid-examples/target/covid-examples.jsa");
        String jar = dir.resolve("covid-examples/target/covid-examples.jar").toString();

        String first = run(launcher, Map.of("COVID_CDS", "on"), "predict", "x.png");
        assertThat(first).contains("-XX:DumpLoadedClassList=" + archive + ".").contains("-cp " + jar + " -Xmx3g")
                .doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
        assertThat(archive).hasContent("archive");
        assertThat(Files.readString(Path.of(archive + ".log")))
                .contains("-Xshare:dump -XX:SharedClassListFile=" + archive + ".")
                .contains("-XX:SharedArchiveFile=" + archive + ".").contains("-cp " + jar);
        try (Stream<Path> left = Files.list(archive.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no class list or partial archive is left")
                    .noneMatch(name -> name.endsWith(".classlist") || name.endsWith(".partial"));
        }

        String later = run(launcher, Map.of("COVID_CDS", "on"), "predict", "x.png");
        assertThat(later).contains("-XX:SharedArchiveFile=" + archive + " -cp " + jar)
                .doesNotContain("DumpLoadedClassList").contains("CovidCommand predict x.png");

        Files.setLastModifiedTime(Path.of(jar), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(run(launcher, Map.of("COVID_CDS", "on"), "predict", "x.png")).as("a newer jar makes a new archive")
                .contains("-XX:DumpLoadedClassList=");
    }

    @Test
    void sparkRunsDumpTheirArchiveWithTheirOwnClassPath() throws Exception {
        Path launcher = layout();
        Path spark = dir.resolve("covid-spark/target");
        String classPath = spark.resolve("covid-spark.jar") + ":" + spark.resolve("lib") + "/*:"
                + spark.resolve("spark-lib") + "/*";
        assertThat(run(launcher, Map.of("COVID_CDS", "on"), "batch", "--list", "x.csv"))
                .contains("-XX:DumpLoadedClassList=").contains("-cp " + classPath + " -Xmx4g");
        assertThat(Files.readString(spark.resolve("covid-spark.jsa.log"))).contains("-Xshare:dump")
                .contains("-cp " + classPath);
        assertThat(run(launcher, Map.of("COVID_CDS", "on"), "batch", "--list", "x.csv"))
                .contains("-XX:SharedArchiveFile=" + spark.resolve("covid-spark.jsa") + " -cp " + classPath);
    }

    @Test
    void aFailedDumpSaysWhereItsLogIsKeepsTheExitCodeAndWaitsForTheNextBuild() throws Exception {
        Path launcher = layout();
        Path archive = dir.resolve("covid-examples/target/covid-examples.jsa");
        String output = run(launcher, Map.of("COVID_CDS", "on", "FAKE_DUMP_FAILS", "yes", "FAKE_EXIT", "3"),
                "info");
        assertThat(output).contains("CovidCommand info")
                .contains("Could not write the class-data-sharing archive (see " + archive + ".log)");
        assertThat(archive).doesNotExist();
        assertThat(Path.of(archive + ".log")).exists();

        assertThat(run(launcher, Map.of("COVID_CDS", "on"), "info")).as("no new try before the next build")
                .doesNotContain("DumpLoadedClassList").doesNotContain("SharedArchiveFile");
        Path jar = dir.resolve("covid-examples/target/covid-examples.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(run(launcher, Map.of("COVID_CDS", "on"), "info")).as("after a build").contains("DumpLoadedClassList");
        assertThat(archive).exists();
        assertThat(Path.of(archive + ".failed")).doesNotExist();
    }

    @Test
    void aHelpRequestLeavesTheArchiveToTheNextRun() throws Exception {
        Path launcher = layout();
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"predict", "-h"},
                new String[] {"batch", "--version"}, new String[0])) {
            assertThat(run(launcher, Map.of("COVID_CDS", "on"), args)).as(String.join(" ", args))
                    .doesNotContain("DumpLoadedClassList").doesNotContain("SharedArchiveFile");
        }
        assertThat(dir.resolve("covid-examples/target/covid-examples.jsa")).doesNotExist();
        assertThat(dir.resolve("covid-spark/target/covid-spark.jsa")).doesNotExist();
        assertThat(run(launcher, Map.of("COVID_CDS", "on"), "info")).contains("-XX:DumpLoadedClassList=");
    }

    @Test
    void cdsOffRunsWithoutAnArchive() throws Exception {
        String output = run(layout(), Map.of(), "predict", "--help");
        assertThat(output).doesNotContain("SharedArchiveFile").doesNotContain("DumpLoadedClassList").contains("-cp ");
        assertThat(dir.resolve("covid-examples/target/covid-examples.jsa")).doesNotExist();
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
        // prints what it was given; writes the class list and the archive where a real JVM would
        Files.writeString(java, """
                #!/bin/sh
                echo "arenas=${MALLOC_ARENA_MAX:-unset} mmap=${MALLOC_MMAP_THRESHOLD_:-unset} \
                trim=${MALLOC_TRIM_THRESHOLD_:-unset} $*"
                dump=no
                for a in "$@"; do
                  case "$a" in
                    -XX:DumpLoadedClassList=*) echo java/lang/Object > "${a#*=}" ;;
                    -Xshare:dump) dump=yes ;;
                    -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
                  esac
                done
                if [ "$dump" = yes ]; then
                  [ -n "$FAKE_DUMP_FAILS" ] && exit 1
                  echo archive > "$archive"
                  exit 0
                fi
                exit "${FAKE_EXIT:-0}"
                """);
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
        assertThat(process.exitValue()).as(output).isEqualTo(Integer.parseInt(env.getOrDefault("FAKE_EXIT", "0")));
        return output;
    }
}
