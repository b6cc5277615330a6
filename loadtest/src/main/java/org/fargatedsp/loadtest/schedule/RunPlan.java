package org.fargatedsp.loadtest.schedule;

/**
 * The timing of one run, shared by every sending thread.
 *
 * @param startNanos       intended send time of the first request, on {@link NanoClock#SYSTEM}
 * @param ratePerSecond    requests per second
 * @param count            requests in the whole run, warm-up included
 * @param measureFromNanos end of the warm-up: requests intended from here on are measured
 * @param timeoutNanos     how long a request may wait for a connection, and then for its answer
 */
public record RunPlan(long startNanos, double ratePerSecond, long count, long measureFromNanos, long timeoutNanos) {
    /** The schedule of stride {@code offset} of {@code stride}. */
    public Schedule schedule(int stride, int offset) {
        return new Schedule(startNanos, ratePerSecond, count, stride, offset);
    }

    /** Intended send time of the request after the last: the end of the sending. */
    public long endNanos() {
        return Schedule.single(startNanos, ratePerSecond, count).endNanos();
    }
}
