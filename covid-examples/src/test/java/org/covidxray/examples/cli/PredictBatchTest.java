package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.covidxray.batch.BatchCsv;
import org.covidxray.batch.BatchRow;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.engine.Models;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.CraftedImages;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code covid predict} on folders and lists, {@code --out}, and {@code covid metrics --csv} on that file. */
class PredictBatchTest {
    @TempDir
    static Path dir;

    static Path model;
    static Dataset images;

    @BeforeAll
    static void train() throws Exception {
        model = TinyModels.train(dir.resolve("model"));
        images = SyntheticImages.write(dir.resolve("archive"), TinyModels.CLASSES, 4, TinyModels.IMAGE_SIZE, 5);
        Path deeper = Files.createDirectories(dir.resolve("archive/sub/deeper"));
        Files.write(deeper.resolve("broken.png"), CraftedImages.truncatedPng());
        Files.copy(images.samples().get(0).path(), deeper.resolve("copy.PNG"));
        Files.writeString(deeper.resolve("notes.txt"), "not an image");
    }

    @Test
    void aFolderIsWalkedRecursivelyAndTheOutFileHasOneRowPerImage() throws Exception {
        Path out = dir.resolve("folder.csv");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--out", out.toString(),
                dir.resolve("archive").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("Wrote " + out + ": 14 images, 13 predicted, 0 refused by the input gate, "
                + "1 unreadable").contains(Disclaimer.TEXT);
        assertThat(run.err()).contains("14/14 images (100.0%)");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("path,label,patient,predicted,p_COVID-19,p_normal,p_pneumonia,decision,"
                + "gate,feature_distance,view,error");
        List<BatchRow> rows = BatchCsv.read(out);
        assertThat(rows).hasSize(14);
        assertThat(rows).extracting(BatchRow::path).contains(dir.resolve("archive/sub/deeper/copy.PNG").toString());
        BatchRow broken = rows.stream().filter(r -> r.path().endsWith("broken.png")).findFirst().orElseThrow();
        assertThat(broken.error()).contains("broken.png");
        try (Classifier classifier = Models.load(model)) {
            for (BatchRow row : rows) {
                if (row.predictedOk()) {
                    var single = classifier.predict(Path.of(row.path()));
                    assertThat(row.predicted()).isEqualTo(single.predictedClass());
                    for (int c = 0; c < 3; c++) {
                        assertThat(row.probabilities()[c]).isCloseTo(single.probability(c),
                                org.assertj.core.data.Offset.offset(1e-6));
                    }
                    assertThat(row.gate()).isIn("inside", "outside");
                }
            }
        }
    }

    @Test
    void compareFindsTheSameRunIdenticalAndAChangedProbabilityOrMissingImageNot() throws Exception {
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");
        String archive = dir.resolve("archive").toString();
        CliRun.of("predict", "--model", model.toString(), "--out", first.toString(), archive);
        CliRun.of("predict", "--model", model.toString(), "--out", second.toString(), "--batch-size", "3", archive);
        CliRun same = CliRun.of("compare", first.toString(), second.toString());
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).contains("14 images in both runs, 0 only in the first, 0 only in the second, "
                + "0 with another outcome").contains("Identical within 1.0E-6");

        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(second));
        int row = 1;
        while (lines.get(row).contains("broken.png")) {
            row++;
        }
        String[] cells = lines.get(row).split(",", -1);
        cells[4] = String.valueOf(Double.parseDouble(cells[4]) + 1e-4); // p_COVID-19 of one predicted image
        lines.set(row, String.join(",", cells));
        lines.remove(lines.size() - 1);
        Path changed = Files.write(dir.resolve("changed.csv"), lines);
        CliRun different = CliRun.of("compare", first.toString(), changed.toString());
        assertThat(different.exitCode()).isEqualTo(CompareCommand.DIFFERENT);
        assertThat(different.out()).contains("13 images in both runs, 1 only in the first")
                .contains("largest probability difference 0.000100").contains("NOT identical");
        assertThat(CliRun.of("compare", "--tolerance", "1e-3", first.toString(), first.toString()).exitCode()).isZero();
        CliRun missing = CliRun.of("compare", first.toString(), dir.resolve("none.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("none.csv does not exist");
    }

    @Test
    void aLabelledListGivesAFullEvaluationThroughMetrics() throws Exception {
        StringBuilder csv = new StringBuilder("path,label,patient\n");
        for (int i = 0; i < images.size(); i++) {
            Sample s = images.samples().get(i);
            csv.append("../archive/").append(s.id()).append(',').append(s.label()).append(",P-").append(i % 3)
                    .append('\n');
        }
        csv.append("../archive/missing.png,normal,P-x\n");
        Path list = Files.createDirectories(dir.resolve("lists")).resolve("labelled.csv");
        Files.writeString(list, csv);
        Path out = dir.resolve("labelled-out.csv");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--list", list.toString(), "--out",
                out.toString(), "--log-every", "5", "--batch-size", "4");
        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.err()).contains("8/13 images", "12/13 images", "13/13 images")
                .doesNotContain("4/13 images");
        List<BatchRow> rows = BatchCsv.read(out);
        assertThat(rows.get(0).label()).isEqualTo(images.samples().get(0).label());
        assertThat(rows.get(12).error()).contains("missing.png").contains("does not exist");

        CliRun metrics = CliRun.of("metrics", "--csv", out.toString(), "--json");
        assertThat(metrics.exitCode()).isZero();
        JsonNode doc = Json.mapper().readTree(metrics.out());
        assertThat(doc.path("rowsWithError").asInt()).isEqualTo(1);
        assertThat(doc.path("evaluation").path("images").asInt()).isEqualTo(12);
        // 12 images of 3 patients; rows of a list without patients count as one patient each
        assertThat(doc.path("evaluation").path("patients").asInt()).isEqualTo(3);
        Path folderOut = dir.resolve("no-patients.csv");
        CliRun.of("predict", "--model", model.toString(), "--out", folderOut.toString(), dir.resolve("archive").toString());
        List<String> lines = Files.readAllLines(folderOut);
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i).replaceFirst(",,,", ",normal,,"));
        }
        Files.write(folderOut, lines);
        JsonNode unknownPatients = Json.mapper().readTree(CliRun.of("metrics", "--csv", folderOut.toString(), "--json")
                .out());
        assertThat(unknownPatients.path("evaluation").path("patients").asInt()).isEqualTo(13);
        CliRun text = CliRun.of("metrics", "--csv", out.toString());
        assertThat(text.out()).contains("1 rows with an error (no prediction) are left out.");
    }

    @Test
    void anEmptyFolderAndAListWithoutPathColumnAreClearErrors() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.of("predict", "--model", model.toString(), empty.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("There are no images").contains(empty.toString());
        Path bad = Files.writeString(dir.resolve("bad.csv"), "file\nx.png\n");
        CliRun list = CliRun.of("predict", "--model", model.toString(), "--list", bad.toString());
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains(bad.toString()).contains("no 'path' column");
    }

    @Test
    void aFolderPrintsOneLinePerImageWithoutOut() {
        CliRun run = CliRun.of("predict", "--model", model.toString(), dir.resolve("archive/sub").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).singleElement().asString().startsWith(dir.resolve("archive/sub/deeper/copy.PNG")
                + "\t");
        assertThat(run.err()).contains("broken.png\terror: ");
        CliRun both = CliRun.of("predict", "--model", model.toString(), "--out", "x.csv", "--json", "a.png");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --out or --json");
    }
}
