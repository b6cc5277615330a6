package org.fargatedsp.bidder.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what the server did to connections rather than requests: how many are open, how many it turned away
 * at a cap, and how many it closed because their client stopped reading. The metrics read them.
 */
public final class ConnectionStats {
    /** Which cap turned a connection away. */
    public enum Cap {
        /** {@code MAX_CONNECTIONS}. */
        TOTAL("total"),
        /** {@code MAX_CONNECTIONS_PER_SOURCE}. */
        PER_SOURCE("per_source");

        private final String tag;

        Cap(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder[] refused = {new LongAdder(), new LongAdder()};
    private final LongAdder stalled = new LongAdder();

    /** Connections open now, those reserved for {@code /health} included. */
    public int open() {
        return open.get();
    }

    /** Connections turned away at {@code cap}: answered only on {@code /health}, or closed at once. */
    public long refused(Cap cap) {
        return refused[cap.ordinal()].sum();
    }

    /** Connections closed because their client read nothing for the write-stall timeout. */
    public long stalled() {
        return stalled.sum();
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    void refusedAt(Cap cap) {
        refused[cap.ordinal()].increment();
    }

    void stalledClosed() {
        stalled.increment();
    }
}
