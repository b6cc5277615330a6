package org.fargatedsp.bidder.metrics;

import org.fargatedsp.bidder.bidlog.BidLogState;
import org.fargatedsp.bidder.bidlog.BidLogStats;
import org.fargatedsp.bidder.bidlog.DropCause;

/** Bid-log figures fixed by the test; writes fail when {@code writeFailing}. */
record FixedBidLogStats(int queueDepth, int filesPublishing, long diskBytes, int diskFiles, boolean overBudget,
                        boolean writeFailing, long written, long queueFullDrops) implements BidLogStats {
    @Override
    public long queueBytes() {
        return queueDepth * 1000L;
    }

    @Override
    public BidLogState state() {
        return writeFailing ? BidLogState.WRITE_FAILING : overBudget ? BidLogState.OVER_BUDGET : BidLogState.OK;
    }

    @Override
    public long stateSinceMs() {
        return 0;
    }

    @Override
    public long droppedInState() {
        return 0;
    }

    @Override
    public String writeError() {
        return writeFailing ? "No space left on device" : null;
    }

    @Override
    public long maxDiskBytes() {
        return 1L << 30;
    }

    @Override
    public long dropped(DropCause cause) {
        return cause == DropCause.QUEUE_FULL ? queueFullDrops : 0;
    }
}
