package org.covidxray.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.covidxray.engine.Models;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.CraftedImages;
import org.covidxray.examples.testing.MultiLabelModels;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.testing.FunctionClassifier;
import org.covidxray.model.Classifier;
import org.covidxray.testing.GateImages;
import org.covidxray.testing.SharedData;
import org.covidxray.testing.TestDicom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API and its limits, against a server on a free port serving a tiny fake-backend model. */
class WebServerTest {
    private static final long LIMIT = 256 * 1024;

    @TempDir
    static Path dir;

    static Classifier classifier;
    static WebServer server;
    static HttpTestClient http;

    @BeforeAll
    static void start() {
        classifier = Models.load(TinyModels.train(dir));
        server = new WebServer(new ImageAnalyzer(classifier, Explainer.occlusion()),
                ServerSettings.defaults().withPort(0).withMaxUploadBytes(LIMIT)).start();
        http = new HttpTestClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        classifier.close();
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String error) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = HttpTestClient.json(response);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("message").asText()).isNotBlank();
    }

    @Test
    void healthSaysOkAndNamesTheModel() {
        HttpResponse<byte[]> response = http.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = HttpTestClient.json(response);
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("modelId").asText()).isEqualTo(classifier.manifest().modelId());
    }

    @Test
    void predictsAMultipartUploadWithClassProbabilitiesModelAndDisclaimer() throws Exception {
        byte[] image = Files.readAllBytes(TinyModels.image(dir, 2));
        HttpResponse<byte[]> response = http.postMultipart("/api/predict", "image", "x.png", image);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = HttpTestClient.json(response);
        List<String> classes = new ArrayList<>();
        double sum = 0;
        for (var it = body.path("probabilities").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            classes.add(e.getKey());
            sum += e.getValue().asDouble();
        }
        assertThat(classes).containsExactlyElementsOf(TinyModels.CLASSES);
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(body.path("class").asText()).isEqualTo(classifier.predict(TinyModels.image(dir, 2)).predictedClass());
        assertThat(body.path("multiLabel").asBoolean()).isFalse();
        assertThat(body.path("labels").isNull()).isTrue();
        assertThat(body.path("decision").path("multiLabel").asBoolean()).isFalse();
        assertThat(body.path("modelId").asText()).isEqualTo(classifier.manifest().modelId());
        assertThat(body.path("millis").isNumber()).isTrue();
        assertThat(body.path("disclaimer").asText()).isEqualTo(Disclaimer.TEXT);
        assertThat(body.path("decision").has("description")).isTrue();
        JsonNode distribution = body.path("outOfDistribution");
        assertThat(distribution.path("status").asText()).isIn("inside", "outside");
        assertThat(distribution.path("outside").isBoolean()).isTrue();
        assertThat(distribution.path("distance").isNumber()).isTrue();
        assertThat(distribution.path("threshold").asDouble())
                .isEqualTo(classifier.manifest().inputGate().threshold());
        assertThat(distribution.path("message").asText()).isNotBlank();
    }

    @Test
    void aMultiLabelModelAnswersIndependentScoresAndItsLabelsWithoutAClass() throws Exception {
        try (FunctionClassifier multi = MultiLabelModels.fixedScores();
             WebServer own = new WebServer(new ImageAnalyzer(multi, Explainer.unavailable()),
                     ServerSettings.defaults().withPort(0)).start()) {
            JsonNode body = HttpTestClient.json(new HttpTestClient(own.port()).postMultipart("/api/predict", "image",
                    "x.png", Files.readAllBytes(TinyModels.image(dir, 1))));
            assertThat(body.path("multiLabel").asBoolean()).isTrue();
            assertThat(body.path("class").isNull()).isTrue();
            assertThat(body.path("labels")).extracting(JsonNode::asText).containsExactly("Atelectasis");
            double sum = 0;
            for (String label : MultiLabelModels.LABELS) {
                sum += body.path("probabilities").path(label).asDouble();
            }
            assertThat(sum).isCloseTo(1.7, org.assertj.core.data.Offset.offset(1e-9));
            JsonNode decision = body.path("decision");
            assertThat(decision.path("multiLabel").asBoolean()).isTrue();
            assertThat(decision.path("labelThresholds").path("Pneumonia").asDouble()).isEqualTo(0.7);
            assertThat(decision.path("labelThresholds").path("Effusion").asDouble()).isEqualTo(0.5);
            assertThat(decision.path("description").asText()).contains("do not sum to 1");
            assertThat(body.path("disclaimer").asText()).isEqualTo(Disclaimer.TEXT);
            JsonNode model = HttpTestClient.json(new HttpTestClient(own.port()).get("/api/model"));
            assertThat(model.path("manifest").path("outputKind").asText()).isEqualTo("sigmoid");
        }
    }

    @Test
    void refusesAOneByOnePngAsNotARadiographWith422NamingTheReason() {
        HttpResponse<byte[]> response = http.postMultipart("/api/predict", "image", "dot.png", CraftedImages.png(1, 1));
        assertError(response, 422, ImageAnalyzer.NOT_A_RADIOGRAPH);
        JsonNode body = HttpTestClient.json(response);
        assertThat(body.path("reason").asText()).isEqualTo("too_small");
        assertThat(body.path("message").asText()).contains("dot.png").contains("1x1 pixels");
        assertError(http.postRaw("/api/explain", CraftedImages.png(1, 1)), 422, ImageAnalyzer.NOT_A_RADIOGRAPH);
    }

    @Test
    void refusesABannerAColourPhotoAndABlankImageWithTheirReasons() {
        var cases = Map.of(
                "banner.png", new Object[] {GateImages.radiographLike(1000, 100, 1), "extreme_aspect_ratio"},
                "photo.png", new Object[] {GateImages.colourPhotoLike(160, 120, 1), "colour_image"},
                "blank.png", new Object[] {GateImages.constant(300, 300, 128), "near_constant"});
        cases.forEach((name, c) -> {
            HttpResponse<byte[]> response = http.postMultipart("/api/predict", "image", name,
                    GateImages.png((java.awt.image.BufferedImage) c[0]));
            assertError(response, 422, ImageAnalyzer.NOT_A_RADIOGRAPH);
            assertThat(HttpTestClient.json(response).path("reason").asText()).as(name).isEqualTo(c[1]);
        });
    }

    @Test
    void flagsAnImageFarFromTheTrainingImagesButStillAnswers() {
        java.awt.image.BufferedImage bright = new java.awt.image.BufferedImage(128, 128,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                bright.getRaster().setSample(x, y, 0, Math.min(255, 225 + (int) (random.nextGaussian() * 20)));
            }
        }
        HttpResponse<byte[]> response = http.postMultipart("/api/predict", "image", "bright.png", GateImages.png(bright));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode distribution = HttpTestClient.json(response).path("outOfDistribution");
        assertThat(distribution.path("status").asText()).isEqualTo("outside");
        assertThat(distribution.path("outside").asBoolean()).isTrue();
        assertThat(distribution.path("message").asText()).startsWith("Outside what this model was trained on");
        assertThat(HttpTestClient.json(response).path("probabilities").size()).isEqualTo(3);
    }

    @Test
    void aModelWithoutCalibrationSaysSoAndStillPredicts() throws Exception {
        Path old = TinyModels.train(dir.resolve("uncalibrated"), false);
        try (Classifier uncalibrated = Models.load(old)) {
            PredictionResponse answer = new ImageAnalyzer(uncalibrated, null)
                    .predict(Files.readAllBytes(TinyModels.image(dir, 0)), "a.png");
            assertThat(answer.outOfDistribution()).containsEntry("status", "not_calibrated")
                    .containsEntry("outside", null);
            assertThat(answer.outOfDistribution().get("message").toString()).contains("not flagged");
            assertThat(answer.probabilities()).hasSize(3);
        }
    }

    @Test
    void predictsRawImageBytesLikeMultipart() throws Exception {
        byte[] image = Files.readAllBytes(TinyModels.image(dir, 0));
        JsonNode raw = HttpTestClient.json(http.postRaw("/api/predict", image));
        JsonNode multipart = HttpTestClient.json(http.postMultipart("/api/predict", "image", "a.png", image));
        assertThat(raw.path("class").asText()).isEqualTo(multipart.path("class").asText());
        assertThat(raw.path("probabilities")).isEqualTo(multipart.path("probabilities"));
    }

    private static Path rsnaDicom() throws java.io.IOException {
        Path folder = SharedData.require("formats");
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow();
        }
    }

    @Test
    void predictsTheRealRsnaDicomUploadLikeTheLibraryDoes() throws Exception {
        Path file = rsnaDicom();
        byte[] dicom = Files.readAllBytes(file);

        HttpResponse<byte[]> response = http.postMultipart("/api/predict", "image", file.getFileName().toString(),
                dicom);

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode body = HttpTestClient.json(response);
        org.covidxray.model.Prediction expected = classifier.predict(file);
        assertThat(body.path("class").asText()).isEqualTo(expected.predictedClass());
        for (String cls : TinyModels.CLASSES) {
            assertThat(body.path("probabilities").path(cls).asDouble())
                    .isCloseTo(expected.asMap().get(cls), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(body.path("disclaimer").asText()).isEqualTo(Disclaimer.TEXT);
    }

    @Test
    void explainsTheRealRsnaDicomWithAnOverlayOfItsSize() throws Exception {
        HttpResponse<byte[]> response = http.postRaw("/api/explain", Files.readAllBytes(rsnaDicom()));

        assertThat(response.statusCode()).isEqualTo(200);
        java.awt.image.BufferedImage overlay = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                response.body()));
        assertThat(overlay.getWidth()).isEqualTo(1024);
        assertThat(overlay.getHeight()).isEqualTo(1024);
    }

    @Test
    void refusesDicomItCannotReadWith415AndBrokenDicomWith422() {
        byte[] jpeg2000 = TestDicom.image(64, 64).encapsulated("1.2.840.10008.1.2.4.90", new byte[] {1, 2}).build();
        byte[] valid = TestDicom.image(64, 64).pixels(new int[64 * 64]).build();

        assertError(http.postMultipart("/api/predict", "image", "j2k.dcm", jpeg2000), 415, "unsupported_image");
        assertThat(HttpTestClient.json(http.postRaw("/api/predict", jpeg2000)).path("message").asText())
                .contains("JPEG 2000");
        assertError(http.postRaw("/api/predict", java.util.Arrays.copyOf(valid, valid.length - 100)), 422,
                "corrupt_image");
    }

    @Test
    void refusesARawUploadOverTheLimitWith413() {
        assertError(http.postRaw("/api/predict", new byte[(int) LIMIT + 1]), 413, "upload_too_large");
    }

    @Test
    void refusesAMultipartUploadOverTheLimitWith413() {
        assertError(http.postMultipart("/api/predict", "image", "big.png", new byte[(int) LIMIT * 2]), 413,
                "upload_too_large");
    }

    @Test
    void refusesSomethingThatIsNotAnImageWith415() {
        byte[] text = "patient,finding\n1,COVID-19\n".getBytes(StandardCharsets.UTF_8);
        assertError(http.postMultipart("/api/predict", "image", "metadata.csv", text), 415, "unsupported_image");
    }

    @Test
    void refusesACorruptImageWith422() {
        assertError(http.postRaw("/api/predict", CraftedImages.truncatedPng()), 422, "corrupt_image");
    }

    @Test
    void refusesADecompressionBombBeforeDecodingIt() {
        HttpResponse<byte[]> response = http.postRaw("/api/predict", CraftedImages.pngDeclaring(100_000, 100_000));
        assertError(response, 413, "image_too_large");
        assertThat(HttpTestClient.json(response).path("message").asText()).contains("100000x100000");
    }

    @Test
    void refusesAnEmptyUploadAndAMissingField() {
        assertError(http.postRaw("/api/predict", new byte[0]), 400, "empty_upload");
        assertError(http.postMultipart("/api/predict", "file", "x.png", CraftedImages.png(16, 16)), 400,
                "missing_image");
    }

    @Test
    void answersUnknownPathsWithJson404() {
        assertError(http.get("/api/nothing-here"), 404, "not_found");
    }

    @Test
    void answersAKnownPathWithAnotherMethodWithJson405() {
        assertError(http.get("/api/predict"), 405, "method_not_allowed");
        assertThat(HttpTestClient.json(http.get("/api/predict")).path("message").asText()).contains("/openapi.json");
    }

    @Test
    void previewShowsWhatTheModelSawOfTheRealRsnaDicom() throws Exception {
        byte[] dicom = Files.readAllBytes(rsnaDicom());
        HttpResponse<byte[]> response = http.postRaw("/api/preview", dicom);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        java.awt.image.BufferedImage preview = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
        int size = classifier.preprocessing().imageSize();
        assertThat(preview.getWidth()).isEqualTo(size);
        org.covidxray.image.Preprocessor preprocessor = new org.covidxray.image.Preprocessor(classifier.preprocessing());
        org.covidxray.image.ImageTensor input = preprocessor.apply(dicom, "rsna.dcm");
        int center = size / 2;
        float expected = Math.min(1f, Math.max(0f, preprocessor.toIntensity(input.get(0, center, center))));
        assertThat(preview.getRaster().getSample(center, center, 0)).isEqualTo(Math.round(expected * 255));
    }

    @Test
    void previewIsTheNetworkInputAsGrayPngForAnyReadableUpload() throws Exception {
        byte[] upload = Files.readAllBytes(TinyModels.image(dir, 2));
        HttpResponse<byte[]> response = http.postMultipart("/api/preview", "image", "x.png", upload);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        java.awt.image.BufferedImage preview = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
        int size = classifier.preprocessing().imageSize();
        assertThat(preview.getWidth()).isEqualTo(size);
        assertThat(preview.getHeight()).isEqualTo(size);
        org.covidxray.image.Preprocessor preprocessor = new org.covidxray.image.Preprocessor(classifier.preprocessing());
        org.covidxray.image.ImageTensor input = preprocessor.apply(upload, "x.png");
        for (int y = 0; y < size; y += 7) {
            for (int x = 0; x < size; x += 5) {
                float expected = Math.min(1f, Math.max(0f, preprocessor.toIntensity(input.get(0, y, x))));
                assertThat(preview.getRaster().getSample(x, y, 0)).as("pixel %d,%d", x, y)
                        .isEqualTo(Math.round(expected * 255));
            }
        }
        assertError(http.postRaw("/api/preview", CraftedImages.truncatedPng()), 422, "corrupt_image");
        assertError(http.postMultipart("/api/preview", "image", "dot.png", CraftedImages.png(1, 1)), 422,
                ImageAnalyzer.NOT_A_RADIOGRAPH);
    }

    @Test
    void explainReturnsAPngOverlayTheSizeOfTheUpload() throws Exception {
        HttpResponse<byte[]> response = http.postMultipart("/api/explain", "image", "x.png", CraftedImages.png(96, 80));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        java.awt.image.BufferedImage overlay = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
        assertThat(overlay.getWidth()).isEqualTo(96);
        assertThat(overlay.getHeight()).isEqualTo(80);
    }

    @Test
    void withoutAnExplainerExplainSaysSaliencyIsUnavailable() {
        ImageAnalyzer noSaliency = new ImageAnalyzer(classifier, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noSaliency.explain(CraftedImages.png(96, 96), "x.png"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(501));
    }

    @Test
    void explainRefusesBadImagesLikePredict() {
        assertError(http.postRaw("/api/explain", CraftedImages.truncatedPng()), 422, "corrupt_image");
    }

    @Test
    void describesTheModelWithItsCardAndDisclaimer() {
        HttpResponse<byte[]> response = http.get("/api/model");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = HttpTestClient.json(response);
        assertThat(body.path("manifest").path("modelId").asText()).isEqualTo(classifier.manifest().modelId());
        assertThat(body.path("manifest").path("provenance").path("history").path("epochs")).hasSize(3);
        assertThat(body.path("disclaimer").asText()).startsWith(Disclaimer.TEXT);
        assertThat(body.path("limits").path("maxUploadBytes").asLong()).isEqualTo(LIMIT);
        assertThat(body.path("limits").path("idleTimeoutSeconds").asDouble()).isEqualTo(30.0);
        assertThat(body.path("limits").path("minUploadBytesPerSecond").asLong()).isEqualTo(1024);
        assertThat(body.path("limits").path("maxConnections").asInt()).isEqualTo(1000);
    }

    @Test
    void keepsServingAfterBadRequests() throws Exception {
        http.postRaw("/api/predict", CraftedImages.truncatedPng());
        http.postRaw("/api/predict", new byte[(int) LIMIT + 10]);
        http.postRaw("/api/predict", CraftedImages.pngDeclaring(60_000, 60_000));
        HttpResponse<byte[]> ok = http.postRaw("/api/predict", Files.readAllBytes(TinyModels.image(dir, 1)));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void servesThePageWithTheDisclaimer() {
        HttpResponse<byte[]> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains(Disclaimer.TEXT);
        for (String asset : List.of("/app.js", "/style.css", "/model.html", "/model.js")) {
            assertThat(http.get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }
}
