package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.covidxray.examples.testing.ClassFolders;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data options on real data: {@code --covidnet} sources and the duplicate check ({@code evaluate} runs them). */
class DataOptionsTest {
    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void train() {
        Path data = ClassFolders.write(dir.resolve("data"), 4, 32, 1);
        model = dir.resolve("model.zip");
        CliRun run = CliRun.of("train", "--folder", data.toString(), "--backend", "fake", "--image-size", "32",
                "--batch-size", "4", "--epochs", "1", "--out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void covidnetLoadsTheNihSetAsItsOwnSource() {
        Path nih = SharedData.require("nih-chestxray14-adult");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--covidnet", nih.toString(),
                "--report", dir.resolve("nih").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // NIH's 00002658_001 and _002 are the same film of one patient: 905 files, 904 films
        assertThat(run.out()).contains("among 905 loaded images (0 across sources, 1 within one)")
                .contains("0 label conflict(s)").contains("on nih-chestxray14-adult").contains("904 images");
    }

    @Test
    void cohenAndHannoverTogetherKeepEachFilmOnceAndPrintTheConflicts() {
        Path cohen = SharedData.require("cohen-covid-chestxray");
        Path hannover = SharedData.require("mhh-covid19");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--cohen", cohen.toString(),
                "--covidnet", hannover.resolve("metadata.csv").toString(), "--report", dir.resolve("both").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("62 across sources")
                .containsPattern("label conflict: cohen-covid-chestxray 2c35005f.jpg says covid .*mhh-covid19 "
                        + "2c35005f.jpg \\(kept\\) says no class")
                .contains("label conflict: cohen-covid-chestxray ada8c494.jpg says covid");

        CliRun without = CliRun.of("evaluate", "--model", model.toString(), "--cohen", cohen.toString(),
                "--covidnet", hannover.toString(), "--no-dedup", "--report", dir.resolve("both2").toString());
        assertThat(without.exitCode()).as(without.err()).isZero();
        assertThat(without.out()).doesNotContain("Duplicate films");
    }

    @Test
    void capKeepsAboutNImagesOfEachClassOfEachSource() {
        Path nih = SharedData.require("nih-chestxray14-adult");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--covidnet", nih.toString(), "--cap", "50",
                "--report", dir.resolve("capped").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // whole patients until at least 50 images per class: NIH patients have up to 12 images each
        assertThat(run.out()).containsPattern("\\b(1[01]\\d) images of");
        CliRun negative = CliRun.of("evaluate", "--model", model.toString(), "--covidnet", nih.toString(), "--cap", "-1",
                "--report", dir.resolve("capped2").toString());
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--cap");
    }
}
