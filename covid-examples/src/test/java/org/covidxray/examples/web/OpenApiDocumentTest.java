package org.covidxray.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.covidxray.engine.Models;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.io.Json;
import org.covidxray.model.Classifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} describes the server as its code is: every route of {@link WebServer#routes()}
 * (the table the server registers from) and every error of {@link ApiErrorCode} (the only way the server
 * makes an error) with its status on each route that can answer it.
 */
class OpenApiDocumentTest {
    private static final Path WEB_SOURCES = Paths.get("src/main/java/org/covidxray/examples/web");

    @TempDir
    static Path dir;

    static Classifier classifier;
    static WebServer server;

    @BeforeAll
    static void start() {
        classifier = Models.load(TinyModels.train(dir));
        server = new WebServer(new ImageAnalyzer(classifier, null), ServerSettings.defaults().withPort(0)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        classifier.close();
    }

    static JsonNode document() {
        try {
            return Json.mapper().readTree(OpenApiDocument.bytes());
        } catch (IOException e) {
            throw new AssertionError("openapi.json is not JSON", e);
        }
    }

    @Test
    void describesEveryRouteAndEveryStatusTheServerCanAnswer() {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(problems(doc, server.routes())).isEmpty();
    }

    @Test
    void theCheckFailsWhenARouteOrAStatusIsLeftOut() {
        ObjectNode withoutPreview = (ObjectNode) document();
        ((ObjectNode) withoutPreview.path("paths")).remove("/api/preview");
        assertThat(problems(withoutPreview, server.routes())).anyMatch(p -> p.contains("POST /api/preview"));

        ObjectNode without503 = (ObjectNode) document();
        ((ObjectNode) without503.path("paths").path("/api/predict").path("post").path("responses")).remove("503");
        assertThat(problems(without503, server.routes())).anyMatch(p -> p.contains("503")
                && p.contains("POST /api/predict"));

        ObjectNode withoutCode = (ObjectNode) document();
        ((ObjectNode) withoutCode.path("components").path("responses").path("UploadTooSlow"))
                .put("description", "too slow");
        assertThat(problems(withoutCode, server.routes())).anyMatch(p -> p.contains("upload_too_slow"));

        ObjectNode extra = (ObjectNode) document();
        ((ObjectNode) extra.path("paths")).set("/api/batch", extra.path("paths").path("/api/predict"));
        assertThat(problems(extra, server.routes())).anyMatch(p -> p.contains("/api/batch"));
    }

    @Test
    void isServedAtOpenapiJson() {
        HttpResponse<byte[]> response = new HttpTestClient(server.port()).get(WebServer.OPENAPI_PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body()).isEqualTo(OpenApiDocument.bytes());
    }

    /**
     * Every status and error code comes from {@link ApiErrorCode}: no handler in the web package sets a
     * status number or an error code string of its own, so the table above is complete.
     */
    @Test
    void theServerMakesErrorsOnlyFromApiErrorCode() throws IOException {
        Pattern ownStatus = Pattern.compile("\\.status\\(\\s*\\d{3}\\s*\\)|new ApiError\\(\\s*\"|new ApiException\\(\\s*\\d");
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(WEB_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    Matcher m = ownStatus.matcher(lines[i]);
                    if (m.find()) {
                        offending.add(file.getFileName() + ":" + (i + 1) + ": " + lines[i].trim());
                    }
                }
            }
        }
        assertThat(offending).as("statuses or error codes made outside ApiErrorCode").isEmpty();
    }

    /** What the document leaves out of, or adds to, the server; empty when it matches. */
    static List<String> problems(JsonNode doc, List<ApiRoute> routes) {
        List<String> problems = new ArrayList<>();
        Set<String> registered = new HashSet<>();
        for (ApiRoute route : routes) {
            String method = route.method().name().toLowerCase(Locale.ROOT);
            String name = route.method().name() + " " + route.path();
            registered.add(route.path() + " " + method);
            JsonNode operation = doc.path("paths").path(route.path()).path(method);
            if (operation.isMissingNode()) {
                problems.add(name + " is registered but not documented");
                continue;
            }
            if (!operation.path("responses").has("200")) {
                problems.add(name + " documents no 200 response");
            }
            if (route.takesImage() && operation.path("requestBody").isMissingNode()) {
                problems.add(name + " takes an image but documents no request body");
            }
            for (ApiErrorCode code : ApiErrorCode.values()) {
                if (answers(route, code)) {
                    JsonNode response = resolve(doc, operation.path("responses").path(String.valueOf(code.status())));
                    if (response.isMissingNode()) {
                        problems.add(name + " can answer " + code.status() + " (" + code.code() + ") but documents no "
                                + code.status() + " response");
                    } else if (!response.path("description").asText().contains("`" + code.code() + "`")) {
                        problems.add(name + ": the " + code.status() + " response does not name `" + code.code() + "`");
                    }
                }
            }
        }
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!registered.contains(path.getKey() + " " + method)) {
                problems.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey() + " is documented but not registered");
            }
        }));
        for (ApiErrorCode code : ApiErrorCode.values()) {
            if (code.scope() == ApiErrorCode.Scope.UNROUTED) {
                boolean documented = false;
                for (JsonNode response : doc.path("components").path("responses")) {
                    documented |= response.path("x-status").asInt() == code.status()
                            && response.path("description").asText().contains("`" + code.code() + "`");
                }
                if (!documented) {
                    problems.add(code.status() + " (" + code.code() + ") for unrouted requests is not in components/responses");
                }
            }
        }
        Set<String> documentedCodes = new HashSet<>();
        doc.path("components").path("schemas").path("Error").path("properties").path("error").path("enum")
                .forEach(v -> documentedCodes.add(v.asText()));
        Set<String> codes = new HashSet<>(Arrays.stream(ApiErrorCode.values()).map(ApiErrorCode::code).toList());
        if (!documentedCodes.equals(codes)) {
            problems.add("the Error schema's error enum " + documentedCodes + " differs from ApiErrorCode " + codes);
        }
        return problems;
    }

    private static boolean answers(ApiRoute route, ApiErrorCode code) {
        return switch (code.scope()) {
            case ALL_ROUTES -> true;
            case IMAGE_ROUTES -> route.takesImage();
            case EXPLAIN -> route.path().equals("/api/explain");
            case UNROUTED -> false;
        };
    }

    /** A response, following a {@code $ref} to {@code #/components/responses/...}. */
    private static JsonNode resolve(JsonNode doc, JsonNode response) {
        String ref = response.path("$ref").asText("");
        if (ref.isEmpty()) {
            return response;
        }
        JsonNode target = doc.at(ref.substring(1));
        return target.isMissingNode() ? response.path("no such $ref") : target;
    }
}
