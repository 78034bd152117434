package org.covidxray.examples.experiments;

import org.covidxray.examples.testing.TinyTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.covidxray.engine.Backend;
import org.covidxray.examples.common.EngineBenchmarkResult;
import org.covidxray.examples.common.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnginesExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void smokeRunBenchmarksEachEngineInItsOwnJvmAndWritesTableAndChart() {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 4);
        Path out = tmp.resolve("engines");

        ExperimentCli run = ExperimentCli.run("engines", "--backends", "fake", "--out", out.toString(),
                "--images", tree.toString(), "--image-size", "32", "--batch-size", "4", "--count", "8",
                "--no-reference", "--benchmark-class", FakeEngineBenchmark.class.getName(), "--repeats", "1",
                "--allow-load");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve(EnginesExperiment.TABLE)).exists();
        assertThat(out.resolve(EnginesExperiment.CHART)).exists();
        assertThat(out.resolve("engine-fake-32px-1.txt")).exists();
        JsonNode engine = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON)).get("results").get("engines")
                .get(0);
        assertThat(engine.get("engine").asText()).isEqualTo("fake 1.0 on fake (cpu)");
        assertThat(engine.get("trainImagesPerSecond").asDouble()).isEqualTo(123.4);
        assertThat(engine.get("latencyP95Ms").asDouble()).isEqualTo(4.75);
        assertThat(engine.get("batchImagesPerSecond").asDouble()).isEqualTo(456.7);
        assertThat(engine.get("peakRssMb").asDouble()).isEqualTo(321);
        assertThat(engine.get("firstPredictionSeconds").asDouble()).isPositive();
        JsonNode data = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON)).get("data").get(0);
        assertThat(data.toString()).contains("benchmark images").contains("\"images\":8");
        assertThat(ExperimentCli.text(out.resolve(EnginesExperiment.TABLE))).contains("| fake 1.0 on fake (cpu) | 1 | 123.4 |")
                .contains("PyTorch reference not run (--no-reference). The ratios against it are n/a.")
                .contains("| DJL training / reference | n/a | ≥ 1.0 | n/a |")
                .contains(EnginesExperiment.environmentLine(EnginesExperiment.tuningEnvironment(System.getenv())));
        assertThat(ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON)).get("settings").get("environment")
                .fieldNames()).toIterable().containsExactlyElementsOf(EnginesExperiment.TUNING_VARIABLES);
        // the child JVM runs with this JVM's options (the launcher's heap, off-heap and GC flags)
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertThat(options).isNotEmpty();
        assertThat(ExperimentCli.text(out.resolve("engine-fake-32px-1.txt"))).contains("jvm options       " + options);
    }

    @Test
    void repeatsAreInterleavedAtEverySizeAndAHighLoadIsNotAResult() {
        Path tree = TinyTrees.kermany(tmp.resolve("train"), 4);
        Path out = tmp.resolve("engines");

        // no load average is ever below -1: the run goes through but must refuse to call its numbers a result
        ExperimentCli run = ExperimentCli.run("engines", "--backends", "fake", "--out", out.toString(),
                "--images", tree.toString(), "--sizes", "32,16", "--batch-size", "4", "--count", "8",
                "--no-reference", "--benchmark-class", FakeEngineBenchmark.class.getName(), "--repeats", "2",
                "--max-load", "-1", "--load-wait-seconds", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_A_RESULT);
        assertThat(run.out()).contains("another process is competing").contains("not a result (load ");
        for (String tag : List.of("32px-1", "32px-2", "16px-1", "16px-2")) {
            assertThat(out.resolve("engine-fake-" + tag + ".json")).exists();
        }
        String table = ExperimentCli.text(out.resolve(EnginesExperiment.TABLE));
        assertThat(table).contains("### 32 px, batch 4: medians of 2 interleaved runs — not a result (load ")
                .contains("### 16 px").contains("| fake 1.0 on fake (cpu) | 2 | 123.4 |")
                .doesNotContain("| n/a |\n");
        JsonNode results = ExperimentCli.json(out.resolve(ExperimentRun.EXPERIMENT_JSON)).get("results");
        assertThat(results.get("notAResult").asBoolean()).isTrue();
        assertThat(results.get("comparisons").get(1).get("imageSize").asInt()).isEqualTo(16);
        assertThat(results.get("load").get("competing").asBoolean()).isTrue();
    }

    @Test
    void theTuningEnvironmentNamesEveryVariableSetOrNot() {
        Map<String, String> tuning = EnginesExperiment.tuningEnvironment(Map.of("MALLOC_ARENA_MAX", "1",
                "MALLOC_MMAP_THRESHOLD_", "1073741824", "PATH", "/bin"));

        assertThat(EnginesExperiment.environmentLine(tuning)).isEqualTo("Every engine and the reference ran with "
                + "MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=unset "
                + "OMP_WAIT_POLICY=unset (inherited).");
    }

    @Test
    void missingNumbersAreUndefinedNotZero() {
        Path file = tmp.resolve("result.json");
        new EngineBenchmarkResult("y", "d", 3, 10.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 4, Double.NaN,
                1, 2, 3, 10, List.of(), Double.NaN).write(file);

        EngineMeasurement m = EngineMeasurement.of(EngineBenchmarkResult.read(file), Double.NaN);
        assertThat(m.trainImagesPerSecond()).isEqualTo(10.0);
        assertThat(m.latencyP50Ms()).isNaN();
        assertThat(m.peakRssMb()).isNaN();
        assertThat(m.row()).contains("n/a");
    }

    @Test
    void defaultEnginesLeaveOutTheTestEngineAndEnginesThatCannotTrain() {
        // covid-onnx's backend is usable but inference-only: the training benchmark would fail on it
        List<Backend> available = List.of(backend("dl4j", true), backend("onnx", false), backend("fake", true),
                backend("djl", true));
        assertThat(EnginesExperiment.defaultBackends(available)).containsExactly("djl", "dl4j");
    }

    private static Backend backend(String name, boolean trains) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "supportsTraining" -> trains;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
