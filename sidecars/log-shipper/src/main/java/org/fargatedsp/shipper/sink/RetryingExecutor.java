package org.fargatedsp.shipper.sink;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sink's deliveries on threads of its own and retries each one that fails for as long as it takes, with
 * exponential backoff and full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog): a destination
 * that is down for an hour slows the shipper for an hour and loses nothing. Only {@link #close} ends a retry.
 */
final class RetryingExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingExecutor.class);

    /** One attempt at a delivery; an exception means try again. */
    interface Attempt {
        void run() throws IOException;
    }

    private final ScheduledExecutorService threads;
    private final long baseMs;
    private final long capMs;
    private final Counter retries;
    private volatile boolean closed;

    RetryingExecutor(String name, int threads, long baseMs, long capMs, Counter retries) {
        this.threads = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.baseMs = baseMs;
        this.capMs = capMs;
        this.retries = retries;
    }

    /** Runs {@code attempt} until it succeeds; the future fails only when this is closed first. */
    CompletableFuture<Void> submit(String what, Attempt attempt) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        schedule(what, attempt, done, 0, 0);
        return done;
    }

    private void schedule(String what, Attempt attempt, CompletableFuture<Void> done, int failures, long delayMs) {
        try {
            threads.schedule(() -> run(what, attempt, done, failures), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            done.completeExceptionally(new IllegalStateException("sink closed before " + what + " was delivered"));
        }
    }

    private void run(String what, Attempt attempt, CompletableFuture<Void> done, int failures) {
        if (closed) {
            done.completeExceptionally(new IllegalStateException("sink closed before " + what + " was delivered"));
            return;
        }
        try {
            attempt.run();
            if (failures > 0) {
                LOG.info("{} delivered after {} retries", what, failures);
            }
            done.complete(null);
        } catch (IOException | RuntimeException e) {
            retries.increment();
            long ceiling = Math.min(capMs, baseMs << Math.min(failures, 20));
            long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
            if (failures == 0 || Long.bitCount(failures) == 1) {
                // The first failure and then every power of two: an outage of hours logs a few dozen lines.
                LOG.warn("{} failed ({} times so far); retrying in {} ms: {}", what, failures + 1, delay,
                        e.toString());
            }
            schedule(what, attempt, done, failures + 1, delay);
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.shutdownNow().forEach(Runnable::run);
    }
}
