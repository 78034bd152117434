package org.covidxray.examples.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code covid serve} listens and how much work and which clients it accepts.
 *
 * @param host interface to bind ({@code 127.0.0.1} keeps the page private to this machine)
 * @param port TCP port; 0 picks a free one
 * @param maxUploadBytes larger uploads are refused with 413
 * @param maxConcurrent analyses (decode + predict, preview or saliency) that run at the same time
 * @param queueCapacity analyses that may wait for a free slot; beyond that requests get 503
 * @param queueTimeout how long a queued analysis waits before it gets 503
 * @param idleTimeout a connection on which nothing arrives for this long is closed (an idle keep-alive
 *     connection, or a client that stops sending in the middle of a request); Jetty's connector idle timeout
 * @param minUploadBytesPerSecond an upload whose average rate since its first byte falls below this is
 *     cut off with 408 (a client trickling its body byte by byte); Jetty's minimum request data rate
 * @param maxConnections open connections beyond this are not accepted until others close (they wait in the
 *     operating system's backlog); Jetty's connection limit
 */
public record ServerSettings(String host, int port, long maxUploadBytes, int maxConcurrent, int queueCapacity,
                             Duration queueTimeout, Duration idleTimeout, long minUploadBytesPerSecond,
                             int maxConnections) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND = 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
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
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the idle timeout must be at least 1 ms, was " + idleTimeout);
        }
        if (minUploadBytesPerSecond < 0) {
            throw new IllegalArgumentException("the minimum upload rate must be >= 0 (0 = none), was "
                    + minUploadBytesPerSecond);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, was " + maxConnections);
        }
    }

    /**
     * Local only, port 8080, 20 MB uploads, one analysis per core, a queue of four per core, 30 s wait,
     * 30 s idle timeout, uploads of at least 1 KB/s, 1000 connections.
     */
    public static ServerSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerSettings("127.0.0.1", 8080, DEFAULT_MAX_UPLOAD_BYTES, cores, 4 * cores,
                Duration.ofSeconds(30), DEFAULT_IDLE_TIMEOUT, DEFAULT_MIN_UPLOAD_BYTES_PER_SECOND,
                DEFAULT_MAX_CONNECTIONS);
    }

    public ServerSettings withHost(String value) {
        return new ServerSettings(value, port, maxUploadBytes, maxConcurrent, queueCapacity, queueTimeout,
                idleTimeout, minUploadBytesPerSecond, maxConnections);
    }

    public ServerSettings withPort(int value) {
        return new ServerSettings(host, value, maxUploadBytes, maxConcurrent, queueCapacity, queueTimeout,
                idleTimeout, minUploadBytesPerSecond, maxConnections);
    }

    public ServerSettings withMaxUploadBytes(long value) {
        return new ServerSettings(host, port, value, maxConcurrent, queueCapacity, queueTimeout,
                idleTimeout, minUploadBytesPerSecond, maxConnections);
    }

    public ServerSettings withConcurrency(int concurrent, int queue) {
        return new ServerSettings(host, port, maxUploadBytes, concurrent, queue, queueTimeout,
                idleTimeout, minUploadBytesPerSecond, maxConnections);
    }

    public ServerSettings withQueueTimeout(Duration value) {
        return new ServerSettings(host, port, maxUploadBytes, maxConcurrent, queueCapacity, value,
                idleTimeout, minUploadBytesPerSecond, maxConnections);
    }

    public ServerSettings withIdleTimeout(Duration value) {
        return new ServerSettings(host, port, maxUploadBytes, maxConcurrent, queueCapacity, queueTimeout,
                value, minUploadBytesPerSecond, maxConnections);
    }

    public ServerSettings withMinUploadBytesPerSecond(long value) {
        return new ServerSettings(host, port, maxUploadBytes, maxConcurrent, queueCapacity, queueTimeout,
                idleTimeout, value, maxConnections);
    }

    public ServerSettings withMaxConnections(int value) {
        return new ServerSettings(host, port, maxUploadBytes, maxConcurrent, queueCapacity, queueTimeout,
                idleTimeout, minUploadBytesPerSecond, value);
    }
}
