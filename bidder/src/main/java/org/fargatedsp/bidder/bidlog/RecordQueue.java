package org.fargatedsp.bidder.bidlog;

import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidlog.BidRecord;
import org.fargatedsp.bidlog.NoticeRecord;

/**
 * The queue from the event loops to the writer thread, bounded twice: by records ({@code BID_LOG_QUEUE_CAPACITY})
 * and by the heap they hold ({@code BID_LOG_QUEUE_MAX_BYTES}), since one record of a hundred impressions with long
 * ids holds a hundred times what a typical one does. Each record's heap is counted high from its strings and
 * arrays; the count is checked before the add, so concurrent producers can pass the bound by at most one record
 * each. Many producers, one consumer.
 */
final class RecordQueue {
    /** A record object, or a bid entry: header and fields, counted high. */
    private static final int OBJECT_BYTES = 96;
    /** A String's header and its array's, before the characters, counted at two bytes each. */
    private static final int STRING_BYTES = 48;
    private static final int ARRAY_BYTES = 16;

    // Netty's shaded JCTools MPSC array queue: producers pay one CAS, no lock (BENCHMARKS.md, bid-log queue).
    private final Queue<BidLogRecord> queue;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();

    RecordQueue(int capacity, long maxBytes) {
        this.queue = PlatformDependent.newFixedMpscQueue(capacity);
        this.maxBytes = maxBytes;
    }

    /** Adds {@code record} unless the queue is full by count or by bytes; never waits. */
    boolean offer(BidLogRecord record) {
        long size = heapBytes(record);
        if (bytes.get() > maxBytes - size) {
            return false;
        }
        bytes.addAndGet(size);
        if (queue.offer(record)) {
            return true;
        }
        bytes.addAndGet(-size);
        return false;
    }

    /** The oldest record, or null; consumer thread only. */
    BidLogRecord poll() {
        BidLogRecord r = queue.poll();
        if (r != null) {
            bytes.addAndGet(-heapBytes(r));
        }
        return r;
    }

    int size() {
        return queue.size();
    }

    /** The heap the queued records are counted as holding. */
    long bytes() {
        return bytes.get();
    }

    /** What {@code record} holds on the heap, counted high: the same every time for the same record. */
    static long heapBytes(BidLogRecord record) {
        long n = OBJECT_BYTES;
        if (record instanceof BidRecord b) {
            n += string(b.requestId()) + string(b.exchange()) + string(b.reason());
            n += ARRAY_BYTES + 4L * b.impIds().length;
            for (String imp : b.impIds()) {
                n += string(imp);
            }
            n += ARRAY_BYTES + 4L * b.bids().length;
            for (BidEntry e : b.bids()) {
                n += OBJECT_BYTES + string(e.impId()) + string(e.bidId()) + string(e.seat()) + string(e.campaignId())
                        + string(e.creativeId()) + string(e.dealId()) + string(e.cur());
            }
        } else if (record instanceof NoticeRecord r) {
            n += string(r.requestId()) + string(r.impId()) + string(r.bidId()) + string(r.campaignId())
                    + string(r.creativeId()) + string(r.cur());
        }
        return n;
    }

    private static long string(String s) {
        return s == null ? 0 : STRING_BYTES + 2L * s.length();
    }
}
