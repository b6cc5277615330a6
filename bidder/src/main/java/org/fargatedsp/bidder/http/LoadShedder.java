package org.fargatedsp.bidder.http;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells each event loop how far behind it is, so that it can shed load with fast no-bids instead of letting
 * requests queue into timeouts.
 *
 * <p>A task scheduled on every event loop at a fixed rate measures how late it runs. An event loop busy with
 * socket reads runs its scheduled tasks late by as long as new requests wait in the kernel's socket buffers, so
 * that lateness is the queueing delay a request now arriving will see. Above the threshold the loop answers bid
 * requests with an immediate 204 until the lag falls back under half of it. The same estimate moves each
 * request's arrival time back for its deadline.
 */
public final class LoadShedder {
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final FastThreadLocal<Probe> PROBE = new FastThreadLocal<>();

    private final long thresholdNanos;
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();

    /** @param thresholdMs lag above which bid requests are shed; 0 turns shedding off. */
    public LoadShedder(long thresholdMs) {
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMs);
    }

    /** Starts one probe on every event loop of {@code group}. */
    public void start(EventLoopGroup group) {
        if (thresholdNanos == 0) {
            return;
        }
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            Probe probe = new Probe(thresholdNanos, System::nanoTime);
            loop.execute(() -> PROBE.set(probe));
            probe.expected = System.nanoTime() + PROBE_INTERVAL_NANOS;
            // Fixed delay, not fixed rate: a late fixed-rate task is run again at once to catch up, which would
            // clear the overload flag before the next batch of reads could see it.
            probes.add(loop.scheduleWithFixedDelay(probe, PROBE_INTERVAL_NANOS, PROBE_INTERVAL_NANOS,
                    TimeUnit.NANOSECONDS));
        }
    }

    public void stop() {
        for (ScheduledFuture<?> probe : probes) {
            probe.cancel(false);
        }
        probes.clear();
    }

    /** True when the calling event loop is too far behind to take a bid request. */
    public static boolean overloaded() {
        Probe probe = PROBE.getIfExists();
        return probe != null && probe.overloaded;
    }

    /** The calling event loop's current lag in nanoseconds; 0 when unknown. */
    public static long lagNanos() {
        Probe probe = PROBE.getIfExists();
        return probe == null ? 0 : probe.lagNanos;
    }

    /** Marks the calling thread's loop as overloaded or not; for tests of what happens under overload. */
    static void force(boolean overloaded) {
        Probe probe = PROBE.get();
        if (probe == null) {
            probe = new Probe(Long.MAX_VALUE, System::nanoTime);
            PROBE.set(probe);
        }
        probe.overloaded = overloaded;
    }

    /** Measures one event loop's lag each time it runs; package-private so tests can drive its clock. */
    static final class Probe implements Runnable {
        private final long threshold;
        private final java.util.function.LongSupplier clock;
        long expected;
        long lagNanos;
        boolean overloaded;

        Probe(long threshold, java.util.function.LongSupplier clock) {
            this.threshold = threshold;
            this.clock = clock;
        }

        @Override
        public void run() {
            long now = clock.getAsLong();
            long lag = Math.max(0, now - expected);
            expected = now + PROBE_INTERVAL_NANOS;
            lagNanos = lag;
            if (lag > threshold) {
                overloaded = true;
            } else if (lag < threshold / 2) {
                overloaded = false;
            }
        }
    }
}
