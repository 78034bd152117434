package org.covidxray.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.covidxray.io.Json;

/** Sends the requests a browser or script would send to a running {@link WebServer}. */
public final class HttpTestClient {
    private static final String BOUNDARY = "----covid-test-boundary-7d1e";
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public HttpTestClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<byte[]> postRaw(String path, byte[] body) {
        return send(rawRequest(path, body));
    }

    HttpResponse<byte[]> postMultipart(String path, String field, String fileName, byte[] content) {
        return send(multipartRequest(path, field, fileName, content));
    }

    CompletableFuture<HttpResponse<byte[]>> postRawAsync(String path, byte[] body) {
        return client.sendAsync(rawRequest(path, body), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest rawRequest(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpRequest multipartRequest(String path, String field, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + BOUNDARY + "\r\n");
        write(body, "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n");
        write(body, "Content-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + BOUNDARY + "--\r\n");
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): "
                    + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
