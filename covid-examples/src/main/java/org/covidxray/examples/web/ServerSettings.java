package org.covidxray.examples.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code covid serve} listens and how much work it accepts.
 *
 * @param host interface to bind ({@code 127.0.0.1} keeps the page private to this machine)
 * @param port TCP port; 0 picks a free one
 * @param maxUploadBytes larger uploads are refused with 413
 * @param maxConcurrent analyses (decode + predict, or saliency) that run at the same time
 * @param queueCapacity analyses that may wait for a free slot; beyond that requests get 503
 * @param queueTimeout how long a queued analysis waits before it gets 503
 */
public record ServerSettings(String host, int port, long maxUploadBytes, int maxConcurrent, int queueCapacity,
                             Duration queueTimeout) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be positive, was " + maxUploadBytes);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("concurrent analyses must be at least 1, was " + maxConcurrent);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("the queue capacity must be >= 0, was " + queueCapacity);
        }
    }

    /** Local only, port 8080, 20 MB uploads, one analysis per core, a queue of four per core, 30 s wait. */
    public static ServerSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerSettings("127.0.0.1", 8080, DEFAULT_MAX_UPLOAD_BYTES, cores, 4 * cores,
                Duration.ofSeconds(30));
    }

    public ServerSettings withHost(String value) {
        return new ServerSettings(value, port, maxUploadBytes, maxConcurrent, queueCapacity, queueTimeout);
    }

    public ServerSettings withPort(int value) {
        return new ServerSettings(host, value, maxUploadBytes, maxConcurrent, queueCapacity, queueTimeout);
    }

    public ServerSettings withMaxUploadBytes(long value) {
        return new ServerSettings(host, port, value, maxConcurrent, queueCapacity, queueTimeout);
    }

    public ServerSettings withConcurrency(int concurrent, int queue) {
        return new ServerSettings(host, port, maxUploadBytes, concurrent, queue, queueTimeout);
    }

    public ServerSettings withQueueTimeout(Duration value) {
        return new ServerSettings(host, port, maxUploadBytes, maxConcurrent, queueCapacity, value);
    }
}
