package org.covidxray.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.covidxray.batch.BatchComparison;
import org.covidxray.batch.BatchCsv;
import org.covidxray.examples.CovidCommand;
import org.covidxray.io.Json;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and two worker JVMs (one core each), started as
 * child processes from the Spark jars of {@code target/spark-lib} laid out as a {@code SPARK_HOME}, and the job
 * submitted to it through {@code SparkSubmit} exactly as docs/spark.md tells ({@code --class}, {@code --jars}
 * of {@code target/lib}, {@code target/covid-spark.jar}). So the executor path runs for real: the job's
 * functions serialised to other JVMs, the bundle broadcast, the model loaded once in each executor JVM. The
 * rows must equal {@code covid predict}'s. Slow (a few minutes): run with
 * {@code mvnlock -B -pl covid-spark -am verify -Pspark-cluster}.
 */
class SparkClusterIT {
    private static final String LOOPBACK = "127.0.0.1";
    private static final List<Process> STARTED = new ArrayList<>();

    @TempDir
    static Path dir;

    static Path target;
    static Path sparkHome;
    static Path logs;
    static String logback;
    static int masterPort;

    @BeforeAll
    static void cluster() throws Exception {
        target = Path.of("target").toAbsolutePath();
        Path sparkLib = target.resolve("spark-lib");
        Path lib = target.resolve("lib");
        assertThat(target.resolve("covid-spark.jar")).as("run in the verify phase, after package").exists();
        logs = Files.createDirectories(target.resolve("cluster-logs"));
        logback = Path.of("src/test/resources/logback-test.xml").toAbsolutePath().toString();
        // SPARK_HOME/jars: spark-lib holds the Spark jars that the job does not need itself; the ones it
        // shares with Spark (Jackson, SLF4J, Logback, ...) are in lib. The project's own jars are left out, so
        // that they reach the executors only as the job's --jars, as on a real cluster.
        sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (Path jar : jarsIn(sparkLib)) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        for (Path jar : jarsIn(lib)) {
            String name = jar.getFileName().toString();
            if (!name.startsWith("covid-")) {
                Files.createSymbolicLink(jars.resolve(name), jar);
            }
        }
        masterPort = freePort();
        int masterUi = freePort();
        start("master", List.of("org.apache.spark.deploy.master.Master", "--host", LOOPBACK, "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi)));
        waitForPort(masterPort, Duration.ofMinutes(2));
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(dir.resolve("work-" + w));
            start("worker-" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK, "--cores", "1",
                    "--memory", "2g", "--work-dir", work.toString(), "--webui-port", Integer.toString(freePort()),
                    "spark://" + LOOPBACK + ":" + masterPort));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (aliveWorkers(masterUi) < 2) {
            assertThat(System.nanoTime()).as("two workers register with the master (see %s)", logs).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        for (Process p : STARTED) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : STARTED) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aJobSubmittedToTheClusterGivesTheRowsOfCovidPredict() throws Exception {
        Path train = SharedData.require("kaggle-pneumonia/train");
        StringBuilder csv = new StringBuilder("path,label,patient\n");
        for (String cls : List.of("NORMAL", "PNEUMONIA")) {
            try (Stream<Path> files = Files.list(train.resolve(cls))) {
                for (Path f : files.sorted().skip(100).limit(40).toList()) {
                    csv.append(f).append(',').append(cls.toLowerCase(Locale.ROOT)).append(",\n");
                }
            }
        }
        Files.write(dir.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        csv.append("corrupt.png,normal,\n");
        Path list = Files.writeString(dir.resolve("list.csv"), csv);
        Path expected = dir.resolve("predict.csv");
        StringWriter err = new StringWriter();
        int predict = CovidCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "predict",
                "--list", list.toString(), "--out", expected.toString());
        assertThat(predict).as(err.toString()).isEqualTo(2);

        Path out = dir.resolve("cluster.csv");
        String jars = jarsIn(target.resolve("lib")).stream().map(Path::toString)
                .filter(j -> !j.contains("/logback-")).collect(Collectors.joining(","));
        List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", "spark://" + LOOPBACK + ":" + masterPort, "--deploy-mode", "client",
                "--class", "org.covidxray.spark.cli.BatchCommand",
                "--conf", "spark.driver.host=" + LOOPBACK, "--conf", "spark.driver.bindAddress=" + LOOPBACK,
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
                "--conf", "spark.executor.extraJavaOptions=-Dlogback.configurationFile=" + logback,
                "--jars", jars, target.resolve("covid-spark.jar").toString(),
                "--list", list.toString(), "--out", out.toString(), "--partitions", "6", "--batch-size", "8",
                "--compare-with", expected.toString()));
        Process job = start("submit", submit);
        assertThat(job.waitFor(8, TimeUnit.MINUTES)).as("the job ends (see %s)", logs).isTrue();
        String jobOut = Files.readString(logs.resolve("submit.log"));
        assertThat(job.exitValue()).as(jobOut).isEqualTo(2);
        assertThat(jobOut).contains("Wrote " + out + ": 81 images, 80 predicted, 0 refused by the input gate, "
                + "1 unreadable").contains("Identical within 1e-6.").contains("Metrics of the labelled images");
        BatchComparison comparison = BatchComparison.of(BatchCsv.read(expected), BatchCsv.read(out));
        assertThat(comparison.agrees(1e-6)).as(comparison.describe()).isTrue();

        // both workers ran an executor JVM, and each loaded the broadcast model exactly once
        List<Path> executorLogs;
        try (Stream<Path> files = Files.walk(dir)) {
            executorLogs = files.filter(p -> p.toString().contains("/work-") && (p.endsWith("stderr")
                    || p.endsWith("stdout"))).toList();
        }
        List<Long> loadsPerExecutor = new ArrayList<>();
        for (Path executor : executorLogs.stream().map(Path::getParent).distinct().toList()) {
            long loads = 0;
            for (String name : List.of("stderr", "stdout")) {
                Path f = executor.resolve(name);
                if (Files.exists(f)) {
                    loads += Files.readAllLines(f).stream().filter(l -> l.contains("Loaded model")).count();
                }
            }
            loadsPerExecutor.add(loads);
        }
        assertThat(loadsPerExecutor).as("model loads per executor JVM, in %s", executorLogs).hasSize(2)
                .containsOnly(1L);
    }

    private static Process start(String name, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("covid.spark.jvm.options", "").trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        command.addAll(List.of("-Xmx1g", "-Dlogback.configurationFile=" + logback, "-cp",
                sparkHome.resolve("jars") + "/*"));
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        pb.environment().put("SPARK_MASTER_HOST", LOOPBACK);
        Process p = pb.start();
        STARTED.add(p);
        return p;
    }

    /** The master's own count of live workers, from its web UI's JSON (its log says it only at INFO). */
    private static int aliveWorkers(int uiPort) throws InterruptedException {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + LOOPBACK + ":" + uiPort + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(answer.body()).path("aliveworkers").asInt(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(LOOPBACK, port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        throw new AssertionError("the master did not listen on " + LOOPBACK + ":" + port + " (see " + logs + ")");
    }
}
