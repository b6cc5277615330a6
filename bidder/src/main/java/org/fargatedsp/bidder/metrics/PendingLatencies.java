package org.fargatedsp.bidder.metrics;

/**
 * The start times of one event loop's requests whose responses are not yet written, so that the latency timer
 * records the span up to the write. A growing array of longs, reused: nothing is allocated per request.
 */
final class PendingLatencies {
    /** The most starts held before they are recorded early; the router flushes well before this. */
    static final int MAX = 1024;

    private long[] starts = new long[16];
    private int size;

    /** Holds one start; returns true when full, and the caller should record them now. */
    boolean add(long startNanos) {
        if (size == starts.length) {
            starts = java.util.Arrays.copyOf(starts, size * 2);
        }
        starts[size++] = startNanos;
        return size >= MAX;
    }

    /** Records every held start's latency up to {@code writtenNanos} and forgets them. */
    void record(long writtenNanos, BidderMetrics metrics) {
        for (int i = 0; i < size; i++) {
            metrics.latencyNanos(Math.max(0, writtenNanos - starts[i]));
        }
        size = 0;
    }
}
