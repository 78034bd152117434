package org.covidxray.examples.web;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.covidxray.examples.common.ErrorHandlers;
import org.covidxray.examples.common.ExitCodes;
import org.covidxray.examples.common.UserException;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.options.ModelOptions;
import org.covidxray.model.Classifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code covid serve}: the web page and JSON API until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web page and the JSON API (docs/api.md) for a model.",
                "Research software, not a diagnostic device."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 = all).")
    String host;

    @Option(names = "--max-upload-mb", defaultValue = "20", description = "Largest accepted upload in MB (default: ${DEFAULT-VALUE}).")
    int maxUploadMb;

    @Option(names = "--max-concurrent", description = "Analyses running at once (default: one per core).")
    Integer maxConcurrent;

    @Option(names = "--queue", description = "Analyses that may wait for a free slot before 503 (default: 4 per core).")
    Integer queue;

    @Option(names = "--idle-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Close a connection on which nothing arrives for this long (default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--min-upload-rate", defaultValue = "1024", paramLabel = "BYTES_PER_SECOND",
            description = "Cut off (408) an upload slower than this on average (default: ${DEFAULT-VALUE}; 0 = no limit).")
    long minUploadRate;

    @Option(names = "--max-connections", defaultValue = "1000",
            description = "Open connections accepted at once; more wait until others close (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /** Stops a running server as Ctrl-C does (for programs and tests). */
    void stop() {
        stopRequested.countDown();
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ServerSettings defaults = ServerSettings.defaults();
        ServerSettings settings = defaults.withHost(host).withPort(port)
                .withMaxUploadBytes(maxUploadMb * 1024L * 1024L)
                .withConcurrency(maxConcurrent == null ? defaults.maxConcurrent() : maxConcurrent,
                        queue == null ? defaults.queueCapacity() : queue)
                .withQueueTimeout(Duration.ofSeconds(30))
                .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .withMinUploadBytesPerSecond(minUploadRate)
                .withMaxConnections(maxConnections);
        Classifier classifier = modelOptions.load(spec.commandLine().getErr());
        WebServer server;
        try {
            server = new WebServer(new ImageAnalyzer(classifier, Explainer.occlusion()), settings).start();
        } catch (RuntimeException e) {
            classifier.close();
            throw new UserException("Could not listen on " + host + ":" + port + " (" + ErrorHandlers.oneLine(
                    String.valueOf(e.getMessage())) + "). Is another server using the port? Try --port 0.", e);
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "covid-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Serving " + modelOptions.describe() + " (model " + classifier.manifest().modelId() + ", "
                + classifier.manifest().backend() + ") at " + server.url());
        out.println(Disclaimer.TEXT + " Press Ctrl-C to stop.");
        out.flush();
        try {
            stopRequested.await();
        } finally {
            server.close();
            classifier.close();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C); the hook has done its part
            }
        }
        return ExitCodes.OK;
    }
}
