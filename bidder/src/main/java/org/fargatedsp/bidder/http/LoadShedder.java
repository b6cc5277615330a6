package org.fargatedsp.bidder.http;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tells each event loop whether it is in sustained overload, so that it answers bid requests with fast no-bids
 * instead of letting every request queue into a timeout; a single stall never counts as overload.
 *
 * <p>A task scheduled on every event loop every millisecond measures how late it runs. A loop runs its tasks late
 * by as long as it was busy with socket reads, which is also how long bytes now arriving wait in the kernel's
 * socket buffers before the loop reads them. One late probe says only that the loop was busy once: a GC pause, a
 * JIT deoptimization, one slow request, a burst of pipelined requests. The loop sheds only when every probe has
 * been late by more than the lag threshold for the sustained period, which a loop that keeps up never is: each
 * burst it clears leaves its next probe on time. It stops at the first probe late by less than half the
 * threshold. For one sustained period after it stops, a single late probe starts it again: the overload it
 * stopped for has already been seen, and waiting it out a second time would let the queue build up again.
 *
 * <p>While the loop has been late at two runs in a row or more, it has been busy without a pause, and bytes it
 * reads now have been waiting in the kernel for about as long as its latest lag: {@link #backlogNanos()} says so,
 * and that much counts against a request's deadline. After a single late run it says 0: what the loop read after
 * one stall may have arrived at its very end, and counting the whole stall against it would refuse requests that
 * can still be answered in time.
 */
public final class LoadShedder {
    static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final FastThreadLocal<Probe> PROBE = new FastThreadLocal<>();

    private final long thresholdNanos;
    private final long sustainNanos;
    private final LongSupplier clockNanos;
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();

    /**
     * @param lagMs lag above which a probe counts as late; 0 turns shedding off
     * @param sustainedMs how long every probe must be late before the loop sheds
     */
    public LoadShedder(long lagMs, long sustainedMs) {
        this(lagMs, sustainedMs, System::nanoTime);
    }

    /** As above, with the probes reading the time from {@code clockNanos}, for tests that drive the lag. */
    public LoadShedder(long lagMs, long sustainedMs, LongSupplier clockNanos) {
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(lagMs);
        this.sustainNanos = TimeUnit.MILLISECONDS.toNanos(sustainedMs);
        this.clockNanos = clockNanos;
    }

    /** Starts one probe on every event loop of {@code group}. */
    public void start(EventLoopGroup group) {
        if (thresholdNanos == 0) {
            return;
        }
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            Probe probe = new Probe(thresholdNanos, sustainNanos, clockNanos);
            loop.execute(() -> PROBE.set(probe));
            // Fixed delay, not fixed rate: a late fixed-rate task is run again at once to catch up, and the runs
            // that catch up would be on time and hide the lateness from the next batch of reads.
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

    /** True when the calling event loop is in sustained overload and should not take a bid request. */
    public static boolean overloaded() {
        Probe probe = PROBE.getIfExists();
        return probe != null && probe.shedding;
    }

    /**
     * How long bytes the calling event loop reads now have waited in the kernel, as far as it can tell: its lag
     * while it has been late at two runs in a row or more, else 0.
     */
    public static long backlogNanos() {
        Probe probe = PROBE.getIfExists();
        return probe == null ? 0 : probe.backlogNanos();
    }

    /**
     * Makes {@code probe} the calling thread's, or removes it with null: for tests that play the event loop on
     * their own thread and run the probe themselves.
     */
    static void install(Probe probe) {
        if (probe == null) {
            PROBE.remove();
        } else {
            PROBE.set(probe);
        }
    }

    /** Measures one event loop's lag each time it runs and decides whether the loop sheds. */
    static final class Probe implements Runnable {
        private static final long NEVER = Long.MIN_VALUE;

        private final long threshold;
        private final long sustain;
        private final LongSupplier clock;
        private long expected;
        private long lateSince = NEVER;
        private long stoppedAt = NEVER;
        private long lagNanos;
        private int lateRuns;
        private boolean shedding;

        Probe(long threshold, long sustain, LongSupplier clock) {
            this.threshold = threshold;
            this.sustain = sustain;
            this.clock = clock;
            this.expected = clock.getAsLong() + PROBE_INTERVAL_NANOS;
        }

        @Override
        public void run() {
            long now = clock.getAsLong();
            long lag = Math.max(0, now - expected);
            expected = now + PROBE_INTERVAL_NANOS;
            lagNanos = lag;
            if (lag > threshold) {
                lateRuns++;
                if (lateSince == NEVER) {
                    lateSince = now;
                }
                // Measured from the first late run, not from when the lateness began: one stall, however
                // long, is one late run and never a sustained period.
                boolean sustained = now - lateSince >= sustain;
                boolean justStopped = stoppedAt != NEVER && now - stoppedAt < sustain;
                shedding = shedding || sustained || justStopped;
            } else {
                lateRuns = 0;
                lateSince = NEVER;
                if (shedding && lag <= threshold / 2) {
                    shedding = false;
                    stoppedAt = now;
                }
            }
        }

        boolean shedding() {
            return shedding;
        }

        long lagNanos() {
            return lagNanos;
        }

        long backlogNanos() {
            return lateRuns >= 2 ? lagNanos : 0;
        }
    }
}
