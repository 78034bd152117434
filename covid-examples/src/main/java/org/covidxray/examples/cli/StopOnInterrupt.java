package org.covidxray.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Makes Ctrl-C stop training cleanly: a shutdown hook raises the stop signal that the training loop
 * polls between batches, then holds the JVM open until the command has written the best model so far
 * (or until a generous time limit, so that a hung engine cannot keep the process alive forever).
 */
final class StopOnInterrupt implements AutoCloseable {
    private static final long MAX_WAIT_MINUTES = 10;

    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopOnInterrupt(PrintWriter err) {
        hook = new Thread(() -> {
            stopRequested.set(true);
            err.println();
            err.println("Stopping after the current batch; the best model so far will be written...");
            err.flush();
            try {
                finished.await(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "covid-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The signal for {@link org.covidxray.training.TrainingRequest}'s stop signal. */
    BooleanSupplier signal() {
        return stopRequested::get;
    }

    boolean stopRequested() {
        return stopRequested.get();
    }

    /** Raises the stop signal without a Ctrl-C (tests, programs). */
    void requestStop() {
        stopRequested.set(true);
    }

    /** Lets a pending shutdown continue; call it after everything is written. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running and now returns
        }
    }
}
