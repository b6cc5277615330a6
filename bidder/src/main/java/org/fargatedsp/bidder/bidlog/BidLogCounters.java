package org.fargatedsp.bidder.bidlog;

import java.util.concurrent.atomic.LongAdder;

/** Counts of written and dropped records, updated from any thread without contention. */
final class BidLogCounters {
    private final LongAdder written = new LongAdder();
    private final LongAdder[] dropped = new LongAdder[DropCause.values().length];
    private volatile boolean overBudget;

    BidLogCounters() {
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    void drop(DropCause cause) {
        dropped[cause.ordinal()].increment();
    }

    void drop(DropCause cause, long count) {
        dropped[cause.ordinal()].add(count);
    }

    void written(long count) {
        written.add(count);
    }

    long written() {
        return written.sum();
    }

    long dropped(DropCause cause) {
        return dropped[cause.ordinal()].sum();
    }

    void overBudget(boolean value) {
        if (overBudget != value) {
            overBudget = value;
        }
    }

    boolean overBudget() {
        return overBudget;
    }
}
