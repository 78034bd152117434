package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.covidxray.examples.CovidCommand;
import org.covidxray.examples.testing.ClassFolders;
import org.covidxray.model.EpochResult;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.TrainingHistory;
import org.covidxray.training.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a training run the way a terminal does (a signal to the JVM, whose shutdown hook raises the
 * stop signal) keeps the best model so far and a checkpoint, and {@code --resume} continues from it.
 */
class TrainInterruptTest {
    @TempDir
    Path dir;

    @Test
    void aSignalledRunWritesTheBestModelAndResumeContinuesItsEpochs() throws Exception {
        Path data = ClassFolders.write(dir.resolve("data"), 6, 32, 1);
        Path model = dir.resolve("model.zip");
        Path checkpoint = dir.resolve("model-report").resolve(CheckpointFile.FILE_NAME);
        List<String> common = List.of("train", "--folder", data.toString(), "--backend", "fake", "--image-size", "32",
                "--batch-size", "4", "--out", model.toString(), "--progress", "lines");

        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                CovidCommand.class.getName()));
        command.addAll(common);
        command.addAll(List.of("--epochs", "1000000"));
        Path log = dir.resolve("train.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 1200 && !Files.exists(checkpoint) && process.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertThat(checkpoint).as(() -> "checkpoint after the first epoch; log: " + read(log)).exists();
            // SIGTERM runs the same shutdown hook as Ctrl-C (SIGINT), which background processes may ignore
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("process ended").isTrue();
        } finally {
            process.destroyForcibly();
        }

        assertThat(read(log)).contains("Stopping after the current batch").contains("Training was stopped");
        TrainingHistory stopped = ModelBundle.read(model).manifest().provenance().history();
        assertThat(stopped.stopReason()).isEqualTo("stopped by user");
        assertThat(checkpoint).exists();

        int done = CheckpointFile.read(checkpoint).epoch();
        List<String> resume = new ArrayList<>(common);
        resume.addAll(List.of("--epochs", String.valueOf(done + 2), "--resume"));
        CliRun run = CliRun.of(resume.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Resuming after epoch " + done).contains("Epoch " + (done + 1) + "/" + (done + 2));

        TrainingHistory resumed = ModelBundle.read(model).manifest().provenance().history();
        assertThat(resumed.stopReason()).isEqualTo("completed");
        assertThat(resumed.epochs()).extracting(EpochResult::epoch)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, done + 2).boxed().toList());
        assertThat(checkpoint).doesNotExist();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
