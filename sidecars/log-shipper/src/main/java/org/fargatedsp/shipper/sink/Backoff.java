package org.fargatedsp.shipper.sink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * How long a sink waits before its next attempt after a transient fault: exponential in the attempts that failed in
 * a row, capped, with "equal jitter" (half the delay fixed, half random) so that many tasks throttled at once spread
 * out, yet every wait is at least half the exponential delay: throttling always slows the sender down. See the AWS
 * Architecture Blog, "Exponential Backoff And Jitter".
 */
final class Backoff {
    /** Waits; the real one sleeps, tests record. Interruption is how a closed sink stops waiting. */
    interface Pause {
        void pause(long nanos) throws InterruptedException;
    }

    static final Pause SLEEP = TimeUnit.NANOSECONDS::sleep;

    private final long baseNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private final Pause pause;

    Backoff(Duration base, Duration max, RandomGenerator random, Pause pause) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff from " + base + " to " + max);
        }
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
        this.pause = pause;
    }

    /** The wait after {@code failures} failed attempts in a row (1 for the first). */
    long delayNanos(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 40);
        long cap = baseNanos > (maxNanos >> doublings) ? maxNanos : Math.min(maxNanos, baseNanos << doublings);
        long half = cap / 2;
        return half + random.nextLong(cap - half + 1);
    }

    /** Waits {@link #delayNanos(int)}; throws {@link SinkClosedException} when interrupted (the sink closes). */
    void await(int failures, String what) {
        try {
            pause.pause(delayNanos(failures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkClosedException("closed while waiting to retry " + what);
        }
    }
}
