package org.fargatedsp.bidder.bidlog;

import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidRecord;

/**
 * One event loop's bid-log records whose responses are not yet written: a record's {@code processing_us} ends
 * when its response is handed to the socket, after it was built. The slots are reused, so holding a record until
 * then allocates nothing beyond the record itself, built once its time is known.
 */
final class PendingRecords {
    /** The most records held before they are finished early; the router flushes well before this. */
    static final int MAX = 1024;
    private static final int NANOS_PER_MICRO = 1_000;
    private static final int NANOS_PER_MILLI = 1_000_000;

    private Slot[] slots = new Slot[16];
    private int size;

    private static final class Slot {
        String requestId;
        String exchange;
        String[] impIds;
        String reason;
        BidEntry[] bids;
        boolean test;
        long startNanos;
    }

    /** Holds one record; {@code reason} is null on a bid, {@code bids} empty on a no-bid. */
    void add(String requestId, String exchange, String[] impIds, String reason, BidEntry[] bids, boolean test,
            long startNanos) {
        if (size == slots.length) {
            slots = java.util.Arrays.copyOf(slots, size * 2);
        }
        Slot slot = slots[size];
        if (slot == null) {
            slot = new Slot();
            slots[size] = slot;
        }
        size++;
        slot.requestId = requestId;
        slot.exchange = exchange;
        slot.impIds = impIds;
        slot.reason = reason;
        slot.bids = bids;
        slot.test = test;
        slot.startNanos = startNanos;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean full() {
        return size >= MAX;
    }

    /**
     * Finishes every held record as written at {@code writtenNanos}, dated back from {@code nowMillis} to when
     * its first byte was read, and offers it to {@code log}.
     */
    void finish(long writtenNanos, long nowMillis, BidLog log, String taskId, String version) {
        for (int i = 0; i < size; i++) {
            Slot s = slots[i];
            long nanos = Math.max(0, writtenNanos - s.startNanos);
            long ts = nowMillis - nanos / NANOS_PER_MILLI;
            long us = nanos / NANOS_PER_MICRO;
            log.offer(s.reason == null
                    ? BidRecord.bid(ts, s.requestId, s.exchange, s.impIds, s.bids, us, s.test, taskId, version)
                    : BidRecord.noBid(ts, s.requestId, s.exchange, s.impIds, s.reason, us, s.test, taskId, version));
            // Let go of the request's strings: a slot may wait a long time for its next request.
            s.requestId = null;
            s.exchange = null;
            s.impIds = null;
            s.bids = null;
        }
        size = 0;
    }
}
