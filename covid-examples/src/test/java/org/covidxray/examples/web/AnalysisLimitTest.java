package org.covidxray.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.covidxray.engine.Models;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.image.ImageTensor;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelManifest;
import org.covidxray.model.Prediction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bound on concurrent analyses: a full queue answers 503 at once, and the server recovers. */
class AnalysisLimitTest {
    @TempDir
    Path dir;

    private Classifier real;
    private GatedClassifier gated;
    private WebServer server;
    private HttpTestClient http;
    private byte[] image;

    @BeforeEach
    void setUp() throws Exception {
        real = Models.load(TinyModels.train(dir));
        gated = new GatedClassifier(real);
        image = Files.readAllBytes(TinyModels.image(dir, 0));
    }

    private void start(int concurrent, int queue) {
        server = new WebServer(new ImageAnalyzer(gated, null),
                ServerSettings.defaults().withPort(0).withConcurrency(concurrent, queue)).start();
        http = new HttpTestClient(server.port());
    }

    @AfterEach
    void tearDown() {
        gated.release.countDown();
        if (server != null) {
            server.close();
        }
        real.close();
    }

    @Test
    void answers503WhenEverySlotIsBusyAndNothingMayWait() throws Exception {
        start(1, 0);
        CompletableFuture<HttpResponse<byte[]>> first = http.postRawAsync("/api/predict", image);
        assertThat(gated.entered.await(30, TimeUnit.SECONDS)).as("first analysis started").isTrue();

        HttpResponse<byte[]> second = http.postRaw("/api/predict", image);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(HttpTestClient.json(second).path("error").asText()).isEqualTo("server_busy");

        gated.release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(http.postRaw("/api/predict", image).statusCode()).as("recovered").isEqualTo(200);
    }

    @Test
    void queuesUpToItsCapacityThenAnswers503() throws Exception {
        start(1, 1);
        CompletableFuture<HttpResponse<byte[]>> running = http.postRawAsync("/api/predict", image);
        assertThat(gated.entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<byte[]>> queued = http.postRawAsync("/api/predict", image);
        waitForInFlight(2);

        assertThat(http.postRaw("/api/predict", image).statusCode()).isEqualTo(503);

        gated.release.countDown();
        assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(queued.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private void waitForInFlight(int expected) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (HttpTestClient.json(http.get("/health")).path("analysesInFlight").asInt() >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the second request never reached the queue");
    }

    /** Holds every prediction until released, so that tests can fill the server's slots. */
    static final class GatedClassifier implements Classifier {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final Classifier delegate;

        GatedClassifier(Classifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public ModelManifest manifest() {
            return delegate.manifest();
        }

        @Override
        public List<Prediction> predictProbabilities(List<ImageTensor> images) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.predict(images);
        }

        @Override
        public byte[] exportWeights() {
            return delegate.exportWeights();
        }

        @Override
        public void close() {
            // the test closes the real classifier
        }
    }
}
