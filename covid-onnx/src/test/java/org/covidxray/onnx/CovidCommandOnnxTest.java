package org.covidxray.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.covidxray.examples.CovidCommand;
import org.covidxray.io.Json;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.Test;

/** With covid-onnx on the class path: {@code covid info} lists the backend, {@code covid predict} takes .onnx files. */
class CovidCommandOnnxTest {

    @Test
    void covidInfoListsTheOnnxBackend() {
        String[] run = covid("info");
        assertThat(run[0]).isEqualTo("0");
        assertThat(run[1]).containsPattern("onnx +usable, DJL 0\\.33\\.0 / ONNX Runtime 1\\.21\\.1, devices: cpu");
    }

    @Test
    void covidPredictShowsAMultiLabelModelsLabelsAndIndependentScores() throws IOException {
        Path xray;
        try (Stream<Path> files = Files.list(SharedData.require("seed-50/covid"))) {
            xray = files.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
        }
        String model = TinyModels.onnx("tiny_multilabel").toString();
        String[] text = covid("predict", "--model", model, xray.toString());
        assertThat(text[0]).as(text[2]).isEqualTo("0");
        assertThat(text[1]).contains(xray + "\tlabels: ").contains("\tindependent scores: Atelectasis ");
        assertThat(text[2]).contains("Research software, not a diagnostic device.");

        String[] json = covid("predict", "--json", "--model", model, xray.toString());
        JsonNode row = Json.mapper().readTree(json[1]).path("predictions").get(0);
        assertThat(row.path("multiLabel").asBoolean()).isTrue();
        assertThat(row.path("class").isNull()).isTrue();
        assertThat(row.path("labels").isArray()).isTrue();
        assertThat(row.path("probabilities").size()).isEqualTo(5);
    }

    /** Exit code, standard output and standard error of one in-process run. */
    private static String[] covid(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CovidCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
