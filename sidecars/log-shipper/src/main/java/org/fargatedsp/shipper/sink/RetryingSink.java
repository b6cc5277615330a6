package org.fargatedsp.shipper.sink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.fargatedsp.shipper.channel.Batch;

/**
 * What every sink shares: the delivery threads, the retry loop ({@link Attempts}) and the counters. A batch counts
 * as acknowledged when {@link #send} returns. The sinks that compress do it with one {@link GzipParts} per thread.
 */
public abstract class RetryingSink implements Sink {
    final SinkCounters counters = new SinkCounters();
    final Attempts attempts;
    private final SinkWorkers workers;

    RetryingSink(String name, int threads, Attempts.Faults faults, Duration backoffBase, Duration backoffMax,
            Backoff.Pause pause, RandomGenerator random) {
        this.workers = new SinkWorkers(name, threads);
        this.attempts = new Attempts(new Backoff(backoffBase, backoffMax, random, pause), counters, faults,
                workers::closed);
    }

    /** Sends every record of {@code batch}, on a delivery thread; returns once the service has them all. */
    abstract void send(Batch batch);

    @Override
    public final CompletableFuture<Void> deliver(Batch batch) {
        return workers.submit(() -> {
            send(batch);
            counters.acknowledged(batch.records(), batch.bytes());
        });
    }

    /** What this sink has done, for meters. */
    public final SinkCounters counters() {
        return counters;
    }

    @Override
    public final void close() {
        workers.close();
    }
}
