package org.fargatedsp.bidder.metrics;

import org.fargatedsp.bidder.bidlog.BidLogStats;
import org.fargatedsp.bidder.bidlog.DropCause;

/** Bid-log figures fixed by the test. */
record FixedBidLogStats(int queueDepth, int filesPublishing, long diskBytes, int diskFiles, boolean overBudget,
                        long written, long queueFullDrops) implements BidLogStats {
    @Override
    public long maxDiskBytes() {
        return 1L << 30;
    }

    @Override
    public long dropped(DropCause cause) {
        return cause == DropCause.QUEUE_FULL ? queueFullDrops : 0;
    }
}
