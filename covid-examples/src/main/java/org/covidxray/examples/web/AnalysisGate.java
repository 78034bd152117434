package org.covidxray.examples.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the CPU-heavy work of the server: at most {@code maxConcurrent} analyses run, at most
 * {@code queueCapacity} more wait (each for at most {@code timeout}), and every request beyond that is
 * refused at once with 503 instead of piling up threads and memory.
 */
final class AnalysisGate {
    private final Semaphore running;
    private final int maxConcurrent;
    private final int queueCapacity;
    private final Duration timeout;
    private final AtomicInteger admitted = new AtomicInteger();

    AnalysisGate(int maxConcurrent, int queueCapacity, Duration timeout) {
        this.running = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.queueCapacity = queueCapacity;
        this.timeout = timeout;
    }

    /** Runs the work when a slot is free; throws a 503 {@link ApiException} when the queue is full. */
    <T> T run(Supplier<T> work) {
        if (admitted.incrementAndGet() > maxConcurrent + queueCapacity) {
            admitted.decrementAndGet();
            throw busy();
        }
        try {
            if (!running.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            admitted.decrementAndGet();
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ApiException e) {
            admitted.decrementAndGet();
            throw e;
        }
        try {
            return work.get();
        } finally {
            running.release();
            admitted.decrementAndGet();
        }
    }

    /** Analyses running or waiting right now. */
    int inFlight() {
        return admitted.get();
    }

    private ApiException busy() {
        return new ApiException(ApiErrorCode.SERVER_BUSY, "The server is already analysing " + maxConcurrent
                + " image(s) with " + queueCapacity + " more waiting. Please try again in a few seconds.");
    }
}
