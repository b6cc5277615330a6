package org.fargatedsp.loadtest.schedule;

/**
 * When each request of an open-loop run is meant to be sent: request {@code k} at
 * {@code start + k / rate}, computed from the start and never from the previous send, so a slow
 * answer cannot push later requests back.
 *
 * <p>A run with several sending threads gives each a stride of the one sequence: thread {@code o}
 * of {@code s} owns the requests {@code o, o + s, o + 2s, ...}. Indexes taken and returned by the
 * methods here are local to that stride.
 *
 * @param startNanos   intended send time of request 0 on the {@link NanoClock}
 * @param ratePerSecond requests per second over the whole run (all strides together)
 * @param count        number of requests in the whole run
 * @param stride       number of strides the run is split into
 * @param offset       which stride this is, {@code 0 <= offset < stride}
 */
public record Schedule(long startNanos, double ratePerSecond, long count, int stride, int offset) {
    private static final double NANOS_PER_SECOND = 1e9;

    public Schedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number, got " + ratePerSecond);
        }
        if (count < 0 || stride < 1 || offset < 0 || offset >= stride) {
            throw new IllegalArgumentException(
                    "bad schedule: count " + count + ", stride " + stride + ", offset " + offset);
        }
    }

    /** A schedule for a single sending thread. */
    public static Schedule single(long startNanos, double ratePerSecond, long count) {
        return new Schedule(startNanos, ratePerSecond, count, 1, 0);
    }

    /** Number of requests this stride sends. */
    public long localCount() {
        return count <= offset ? 0 : (count - offset + stride - 1) / stride;
    }

    /** Position of local request {@code i} in the whole run's sequence. */
    public long globalIndex(long i) {
        return offset + i * stride;
    }

    /** Intended send time of local request {@code i}. */
    public long intendedNanos(long i) {
        return globalIntendedNanos(globalIndex(i));
    }

    /** Intended time of the end of the run: when request {@code count} would have been sent. */
    public long endNanos() {
        return globalIntendedNanos(count);
    }

    /** Number of this stride's requests whose intended send time is at or before {@code nowNanos}. */
    public long dueCount(long nowNanos) {
        long elapsed = nowNanos - startNanos;
        if (elapsed < 0 || count == 0) {
            return 0;
        }
        // Estimate the last due global index, then correct it against intendedNanos so that this
        // and intendedNanos never disagree by a rounding step.
        long last = Math.min(count - 1, (long) (elapsed * ratePerSecond / NANOS_PER_SECOND));
        while (last + 1 < count && globalIntendedNanos(last + 1) <= nowNanos) {
            last++;
        }
        while (last >= 0 && globalIntendedNanos(last) > nowNanos) {
            last--;
        }
        if (last < offset) {
            return 0;
        }
        return Math.min(localCount(), (last - offset) / stride + 1);
    }

    private long globalIntendedNanos(long k) {
        return startNanos + (long) (k * NANOS_PER_SECOND / ratePerSecond);
    }
}
