package org.fargatedsp.loadtest.stalls;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.fargatedsp.loadtest.schedule.NanoClock;

/**
 * Measures how often the machine takes the CPU away from a thread that never gives it up: the thread reads the
 * clock in a tight loop, and every gap between two readings of at least the threshold is time the thread did not
 * run (the hypervisor, an interrupt, the kernel or another thread had the core). No server on that core can answer
 * faster than these stalls let it, so they are the floor under every latency percentile a load test reports.
 *
 * <p>Not thread-safe; one meter per measuring thread.
 */
public final class StallMeter {
    private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final NanoClock clock;
    private final long thresholdNanos;

    /** @param thresholdNanos the shortest gap counted as a stall; shorter ones are the loop itself */
    public StallMeter(NanoClock clock, long thresholdNanos) {
        if (thresholdNanos <= 0) {
            throw new IllegalArgumentException("stall threshold must be positive, got " + thresholdNanos + " ns");
        }
        this.clock = clock;
        this.thresholdNanos = thresholdNanos;
    }

    /** Spins for {@code durationNanos} and returns the stalls it saw. */
    public StallReport run(long durationNanos) {
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("duration must be positive, got " + durationNanos + " ns");
        }
        Histogram stalls = new Histogram(MAX_TRACKED_NANOS, 3);
        long start = clock.nanoTime();
        long end = start + durationNanos;
        long last = start;
        long stalled = 0;
        long now;
        do {
            now = clock.nanoTime();
            long gap = now - last;
            if (gap >= thresholdNanos) {
                stalls.recordValue(Math.min(gap, MAX_TRACKED_NANOS));
                stalled += gap;
            }
            last = now;
        } while (now < end);
        return new StallReport(now - start, thresholdNanos, stalls, stalled);
    }
}
