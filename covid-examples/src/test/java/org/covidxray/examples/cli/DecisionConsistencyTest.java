package org.covidxray.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.covidxray.data.Dataset;
import org.covidxray.data.Sample;
import org.covidxray.engine.Models;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.examples.web.HttpTestClient;
import org.covidxray.examples.web.ImageAnalyzer;
import org.covidxray.examples.web.ServerSettings;
import org.covidxray.examples.web.WebServer;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.covidxray.model.DecisionRule;
import org.covidxray.model.ModelBundle;
import org.covidxray.model.Prediction;
import org.covidxray.testing.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For a model whose card thresholds a class, Java ({@code Prediction.predictedClass()}), {@code covid
 * predict}, {@code covid evaluate}'s predictions file and {@code /api/predict} give the same class for
 * every image, and at least one of those classes is not the most probable one.
 */
class DecisionConsistencyTest {
    private static final String POSITIVE = TinyModels.CLASSES.get(0);

    @TempDir
    Path dir;

    @Test
    void javaCliEvaluateAndApiDecideAlike() throws Exception {
        Path plain = TinyModels.train(dir);
        Dataset images = SyntheticImages.write(dir.resolve("images"), TinyModels.CLASSES, 4, TinyModels.IMAGE_SIZE, 5);
        Path data = dir.resolve("data");
        for (Sample s : images.samples()) {
            Path target = data.resolve(s.label()).resolve(s.path().getFileName());
            Files.createDirectories(target.getParent());
            Files.copy(s.path(), target);
        }
        Path thresholded = dir.resolve("thresholded.zip");
        ModelBundle bundle = ModelBundle.read(plain);
        ModelBundle.write(thresholded, bundle.manifest().withDecisionRule(
                DecisionRule.threshold(POSITIVE, flippingThreshold(plain, images), "test")), bundle.weights());

        Map<String, String> byJava = new HashMap<>();
        int notMostProbable = 0;
        try (Classifier model = Models.load(thresholded)) {
            for (Sample s : images.samples()) {
                Prediction p = model.predict(data.resolve(s.label()).resolve(s.path().getFileName()));
                byJava.put(s.path().getFileName().toString(), p.predictedClass());
                notMostProbable += p.predictedClass().equals(p.mostProbableClass()) ? 0 : 1;
            }
            assertThat(notMostProbable).as("the threshold changes some decisions").isPositive();

            List<String> args = new ArrayList<>(List.of("predict", "--json", "--model", thresholded.toString()));
            images.samples().forEach(s -> args.add(data.resolve(s.label()).resolve(s.path().getFileName()).toString()));
            CliRun predict = CliRun.of(args.toArray(String[]::new));
            assertThat(predict.exitCode()).as(predict.err()).isZero();
            for (JsonNode row : Json.mapper().readTree(predict.out()).path("predictions")) {
                assertThat(row.path("class").asText()).as(row.path("file").asText())
                        .isEqualTo(byJava.get(Path.of(row.path("file").asText()).getFileName().toString()));
            }

            Path report = dir.resolve("eval");
            CliRun evaluate = CliRun.of("evaluate", "--model", thresholded.toString(), "--folder", data.toString(),
                    "--report", report.toString());
            assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
            assertThat(evaluate.out()).contains("P(" + POSITIVE + ") >=").contains("(test)");
            try (CSVParser csv = CSVParser.parse(report.resolve("predictions.csv"), StandardCharsets.UTF_8,
                    CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
                int rows = 0;
                for (CSVRecord r : csv) {
                    assertThat(r.get("predicted")).as(r.get("file"))
                            .isEqualTo(byJava.get(Path.of(r.get("file")).getFileName().toString()));
                    rows++;
                }
                assertThat(rows).isEqualTo(images.size());
            }

            try (WebServer server = new WebServer(new ImageAnalyzer(model, null),
                    ServerSettings.defaults().withPort(0)).start()) {
                HttpTestClient http = new HttpTestClient(server.port());
                for (Sample s : images.samples()) {
                    var answer = HttpTestClient.json(http.postRaw("/api/predict", Files.readAllBytes(s.path())));
                    assertThat(answer.path("class").asText()).as(s.id())
                            .isEqualTo(byJava.get(s.path().getFileName().toString()));
                }
            }
        }
    }

    /** A threshold on P(positive) that calls some image positive although another class is more probable. */
    private static double flippingThreshold(Path model, Dataset images) {
        try (Classifier c = Models.load(model)) {
            double best = Double.NaN;
            for (Sample s : images.samples()) {
                Prediction p = c.predict(s.path());
                if (!p.mostProbableClass().equals(POSITIVE) && !(p.probability(POSITIVE) <= best)) {
                    best = p.probability(POSITIVE);
                }
            }
            assertThat(best).as("an image whose most probable class is not " + POSITIVE).isNotNaN();
            return best;
        }
    }
}
