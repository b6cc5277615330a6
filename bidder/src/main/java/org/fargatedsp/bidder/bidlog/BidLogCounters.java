package org.fargatedsp.bidder.bidlog;

import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts of written and dropped records, updated from any thread without contention. */
final class BidLogCounters {
    private static final Logger LOG = LoggerFactory.getLogger(BidLogCounters.class);
    static final long QUEUE_CHECK_MS = 1000;
    private final LongAdder written = new LongAdder();
    private final LongAdder[] dropped = new LongAdder[DropCause.values().length];
    // Writer thread only: the queue-full episode being reported.
    private long lastQueueCheckMs = Long.MIN_VALUE / 2;
    private long queueFullSeen;
    private long queueFullAtEpisodeStart;
    private boolean queueFullEpisode;

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

    /** Records dropped since start, for every cause. */
    long droppedTotal() {
        long total = 0;
        for (LongAdder d : dropped) {
            total += d.sum();
        }
        return total;
    }

    /**
     * Called by the writer thread on every pass; at most once a second it looks at the queue-full drops, which the
     * event loops only count, and logs when they start and when a second goes by without any: one line per
     * episode however many records it drops.
     */
    void checkQueueFull(long nowMs) {
        if (nowMs - lastQueueCheckMs < QUEUE_CHECK_MS) {
            return;
        }
        lastQueueCheckMs = nowMs;
        long total = dropped(DropCause.QUEUE_FULL);
        if (total > queueFullSeen && !queueFullEpisode) {
            queueFullEpisode = true;
            queueFullAtEpisodeStart = queueFullSeen;
            LOG.warn("bid-log queue full (BID_LOG_QUEUE_CAPACITY, BID_LOG_QUEUE_MAX_BYTES): the writer thread is"
                    + " behind and new records are dropped and counted; bidding goes on");
        } else if (total == queueFullSeen && queueFullEpisode) {
            queueFullEpisode = false;
            LOG.info("bid-log queue has room again after dropping {} records", total - queueFullAtEpisodeStart);
        }
        queueFullSeen = total;
    }
}
