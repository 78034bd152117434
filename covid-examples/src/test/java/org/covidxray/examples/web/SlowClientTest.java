package org.covidxray.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.covidxray.engine.Models;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.model.Classifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that hold connections without sending: a body trickled one byte a second, hundreds of idle
 * connections, more connections than the limit. Each runs against a server with short timeouts, on
 * loopback only, and ends by itself within seconds.
 */
class SlowClientTest {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;

    static Classifier classifier;
    static byte[] image;
    private WebServer server;

    @BeforeAll
    static void load() throws IOException {
        classifier = Models.load(TinyModels.train(dir));
        image = Files.readAllBytes(TinyModels.image(dir, 0));
    }

    @AfterAll
    static void unload() {
        classifier.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WebServer start(ServerSettings settings) {
        server = new WebServer(new ImageAnalyzer(classifier, null), settings.withPort(0)).start();
        return server;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"raw", "multipart"})
    void anUploadTricklingOneBytePerSecondIsCutOffWith408WhileOthersAreServed(String kind) throws Exception {
        start(ServerSettings.defaults().withIdleTimeout(Duration.ofSeconds(30)));
        HttpTestClient http = new HttpTestClient(server.port());
        try (Socket slow = new Socket()) {
            slow.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            slow.setSoTimeout(20_000);
            OutputStream out = slow.getOutputStream();
            String boundary = "trickle-boundary";
            String contentType = kind.equals("raw") ? "application/octet-stream"
                    : "multipart/form-data; boundary=" + boundary;
            out.write(("POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] body = kind.equals("raw") ? image : concat(start, image);
            Thread trickler = new Thread(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        out.write(body[i]);
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException e) {
                    // the server closed the connection: what the test waits for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "trickler");
            trickler.setDaemon(true);
            trickler.start();

            Thread.sleep(300);
            assertThat(http.postRaw("/api/predict", image).statusCode()).as("another client meanwhile").isEqualTo(200);

            long started = System.nanoTime();
            String answer = readUntilClosed(slow.getInputStream());
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(answer).startsWith("HTTP/1.1 408").contains("Connection: close").containsPattern("\"error\" ?: ?\"upload_too_slow\"");
            assertThat(seconds).as("cut off long before the 30 bytes were sent").isLessThan(15);
            trickler.interrupt();
        }
        // a new client: the first one's pooled connection sat idle past the timeout too, and the server closed it
        assertThat(new HttpTestClient(server.port()).postRaw("/api/predict", image).statusCode()).as("afterwards")
                .isEqualTo(200);
    }

    @Test
    void twoHundredIdleConnectionsDoNotStopOthersAndAreClosedAfterTheIdleTimeout() throws Exception {
        start(ServerSettings.defaults().withIdleTimeout(IDLE_TIMEOUT));
        HttpTestClient http = new HttpTestClient(server.port());
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                socket.setSoTimeout(15_000);
                if (i % 2 == 1) {
                    // half of them start a request and never finish its headers
                    socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
                idle.add(socket);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(http.postRaw("/api/predict", image).statusCode()).isEqualTo(200);
            }
            assertThat(http.get("/health").statusCode()).isEqualTo(200);

            // each is closed by the server: the read ends (end of stream or reset) instead of timing out
            List<CompletableFuture<Boolean>> closed = idle.stream()
                    .map(s -> CompletableFuture.supplyAsync(() -> closedByServer(s))).toList();
            int closedCount = 0;
            for (CompletableFuture<Boolean> c : closed) {
                closedCount += c.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(closedCount).isEqualTo(200);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        // a new client: the first one's pooled connection sat idle past the timeout too, and the server closed it
        assertThat(new HttpTestClient(server.port()).postRaw("/api/predict", image).statusCode()).as("afterwards")
                .isEqualTo(200);
    }

    @Test
    void beyondTheConnectionLimitNewConnectionsWaitUntilOthersClose() throws Exception {
        start(ServerSettings.defaults().withMaxConnections(5).withIdleTimeout(Duration.ofSeconds(30)));
        List<Socket> held = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            for (int i = 0; i < 5; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                held.add(socket);
            }
            Thread.sleep(300);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> client.send(health, HttpResponse.BodyHandlers.discarding()))
                    .as("a sixth connection is not served while five are open").isInstanceOf(HttpTimeoutException.class);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        HttpRequest patient = HttpRequest.newBuilder(health.uri()).timeout(Duration.ofSeconds(20)).build();
        assertThat(client.send(patient, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // a 408 or similar may come first; wait for the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed the trickling upload: "
                    + answer.toString(StandardCharsets.UTF_8), e);
        } catch (IOException e) {
            // reset after the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
