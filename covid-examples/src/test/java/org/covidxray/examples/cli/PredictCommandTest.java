package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.batch.BatchCsv;
import org.covidxray.batch.BatchRow;
import org.covidxray.engine.Models;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.CraftedImages;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void train() {
        model = TinyModels.train(dir);
    }

    @Test
    void printsOneLinePerImageWithClassAndProbabilities() {
        Path a = TinyModels.image(dir, 0);
        Path b = TinyModels.image(dir, 2);
        CliRun run = CliRun.of("predict", "--model", model.toString(), a.toString(), b.toString());
        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().lines().toArray(String[]::new);
        assertThat(lines).hasSize(2);
        try (Classifier classifier = Models.load(model)) {
            assertThat(lines[0]).startsWith(a + "\t" + classifier.predict(a).predictedClass() + "\t");
            assertThat(lines[1]).startsWith(b + "\t" + classifier.predict(b).predictedClass() + "\t");
        }
        assertThat(lines[0]).contains("COVID-19 0.", "normal 0.", "pneumonia 0.");
        assertThat(run.err()).contains(Disclaimer.TEXT);
    }

    @Test
    void predictsTheRealRsnaDicomFileLikeThePngsBesideIt() throws Exception {
        Path dicom;
        try (java.util.stream.Stream<Path> files = Files.list(org.covidxray.testing.SharedData.require("formats"))) {
            dicom = files.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow();
        }
        Path png = TinyModels.image(dir, 0);

        CliRun run = CliRun.of("predict", "--model", model.toString(), dicom.toString(), png.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().lines().toArray(String[]::new);
        try (Classifier classifier = Models.load(model)) {
            assertThat(lines[0]).startsWith(dicom + "\t" + classifier.predict(dicom).predictedClass() + "\t");
        }
        assertThat(lines[1]).startsWith(png + "\t");
    }

    @Test
    void flagsADicomFileWhoseHeaderNamesALateralView() throws Exception {
        int[] values = new int[96 * 96];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 96) * 300 + (i / 96) * 200;
        }
        Path lateral = Files.write(dir.resolve("lateral.dcm"),
                org.covidxray.testing.TestDicom.image(96, 96).view("LL").pixels(values).build());
        Path frontal = Files.write(dir.resolve("frontal.dcm"),
                org.covidxray.testing.TestDicom.image(96, 96).view("PA").pixels(values).build());

        CliRun text = CliRun.of("predict", "--model", model.toString(), lateral.toString(), frontal.toString());
        CliRun json = CliRun.of("predict", "--json", "--model", model.toString(), lateral.toString(),
                frontal.toString());
        Path csv = dir.resolve("views.csv");
        CliRun toCsv = CliRun.of("predict", "--model", model.toString(), "--out", csv.toString(), lateral.toString(),
                frontal.toString(), dir.resolve("missing.dcm").toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        String[] lines = text.out().lines().toArray(String[]::new);
        assertThat(lines[0]).endsWith("\t" + PredictCommand.LATERAL_TEXT + " (LL)");
        assertThat(lines[1]).doesNotContain("lateral");
        JsonNode rows = Json.mapper().readTree(json.out()).path("predictions");
        assertThat(rows.get(0).path("view").asText()).isEqualTo("LL");
        assertThat(rows.get(0).path("lateral").asBoolean()).isTrue();
        assertThat(rows.get(1).path("view").asText()).isEqualTo("PA");
        assertThat(rows.get(1).path("lateral").asBoolean()).isFalse();
        assertThat(toCsv.exitCode()).as(toCsv.err()).isEqualTo(2);
        List<BatchRow> csvRows = BatchCsv.read(csv);
        assertThat(csvRows).extracting(BatchRow::view).containsExactly("LL", "PA", null);
        assertThat(csvRows).extracting(BatchRow::lateral).containsExactly(true, false, false);
        assertThat(Files.readAllLines(csv).get(0)).contains(",view,error");
    }

    @Test
    void anOnnxModelWithoutTheOptionalModuleSaysHowToAddIt() throws Exception {
        Path onnx = Files.write(dir.resolve("model.onnx"), new byte[] {1});
        CliRun run = CliRun.of("predict", "--model", onnx.toString(), TinyModels.image(dir, 0).toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(run.err()).contains("covid-onnx").contains("-pl covid-onnx -am").contains("docs/engines.md");
    }

    @Test
    void printsJsonWithTheDisclaimer() throws Exception {
        Path a = TinyModels.image(dir, 1);
        CliRun run = CliRun.of("predict", "--json", "--model", model.toString(), a.toString());
        assertThat(run.exitCode()).isZero();
        JsonNode doc = Json.mapper().readTree(run.out());
        assertThat(doc.path("disclaimer").asText()).isEqualTo(Disclaimer.TEXT);
        JsonNode row = doc.path("predictions").get(0);
        assertThat(row.path("file").asText()).isEqualTo(a.toString());
        assertThat(row.path("probabilities").size()).isEqualTo(3);
        assertThat(row.path("class").asText()).isIn(TinyModels.CLASSES);
        assertThat(row.path("outOfDistribution").path("status").asText()).isIn("inside", "outside");
        assertThat(row.path("outOfDistribution").path("distance").isNumber()).isTrue();
    }

    @Test
    void refusesAOneByOneImageWithOneLineAndExitCode2() throws Exception {
        Path dot = Files.write(dir.resolve("dot.png"), CraftedImages.png(1, 1));
        Path good = TinyModels.image(dir, 0);
        CliRun run = CliRun.of("predict", "--model", model.toString(), dot.toString(), good.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).hasSize(1).allMatch(l -> l.startsWith(good.toString()));
        assertThat(run.errLines()).filteredOn(l -> l.contains("dot.png")).singleElement().asString()
                .startsWith(dot + "\terror: Image " + dot + " is 1x1 pixels").contains("at least 64 px");

        CliRun json = CliRun.of("predict", "--json", "--model", model.toString(), dot.toString());
        assertThat(json.exitCode()).isEqualTo(2);
        JsonNode row = Json.mapper().readTree(json.out()).path("predictions").get(0);
        assertThat(row.path("reason").asText()).isEqualTo("too_small");
        assertThat(row.path("error").asText()).contains("1x1 pixels");
    }

    @Test
    void anUncalibratedModelSaysImagesAreNotFlagged() {
        Path old = TinyModels.train(dir.resolve("uncalibrated"), false);
        CliRun run = CliRun.of("predict", "--model", old.toString(), TinyModels.image(dir, 0).toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("without a calibration").contains("not flagged");
    }

    @Test
    void theOutsideColumnAppearsOnlyForFlaggedImages() {
        var calibration = org.covidxray.gate.FeatureCalibration.fromFeatures(java.util.List.of(
                new float[] {0}, new float[] {1}, new float[] {2}, new float[] {3}, new float[] {4}), 99);
        assertThat(PredictCommand.outsideColumn(org.covidxray.gate.DistributionCheck.of(calibration, 100)))
                .startsWith("\toutside what this model was trained on (feature distance 100.00 > ");
        assertThat(PredictCommand.outsideColumn(org.covidxray.gate.DistributionCheck.of(calibration, 0.1))).isEmpty();
    }

    @Test
    void aGpuThatIsNotThereFallsBackToTheCpuWithOneLine() {
        CliRun run = CliRun.of("predict", "--device", "gpu", "--model", model.toString(),
                TinyModels.image(dir, 0).toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines().filter(l -> !l.equals(Disclaimer.TEXT)))
                .containsExactly("fake runs on the CPU, no GPU in this build: backend fake lists no GPU.");
        assertThat(run.out().lines()).hasSize(1);
    }

    @Test
    void reportsABadImageAndStillClassifiesTheOthers() throws Exception {
        Path bad = Files.write(dir.resolve("broken.png"), CraftedImages.truncatedPng());
        Path good = TinyModels.image(dir, 0);
        CliRun run = CliRun.of("predict", "--model", model.toString(), bad.toString(), good.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).hasSize(1).allMatch(l -> l.startsWith(good.toString()));
        assertThat(run.err()).contains(bad + "\terror: ").doesNotContain("\tat ");
    }
}
