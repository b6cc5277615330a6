package org.fargatedsp.shipper.sink;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a sink delivers on, a fixed number of them: at most that many batches are sent at once, the rest
 * wait their turn in order. Closing interrupts the threads (a backoff ends at once) and completes every batch not
 * yet acknowledged with a {@link SinkClosedException}.
 */
final class SinkWorkers {
    private final ExecutorService threads;
    private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SinkWorkers(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " needs at least one thread, not " + count);
        }
        AtomicInteger number = new AtomicInteger();
        threads = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread thread = new Thread(r, name + "-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Runs {@code work} on a worker; the future completes when it returns, or with what it threw. */
    CompletableFuture<Void> submit(Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        done.whenComplete((ignored, error) -> pending.remove(done));
        try {
            threads.execute(() -> {
                try {
                    work.run();
                    done.complete(null);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new SinkClosedException("the sink is closed"));
        }
        if (closed) {
            done.completeExceptionally(new SinkClosedException("the sink is closed"));
        }
        return done;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        threads.shutdownNow();
        for (CompletableFuture<Void> future : pending) {
            future.completeExceptionally(new SinkClosedException("the sink was closed before the batch was"
                    + " acknowledged"));
        }
    }
}
