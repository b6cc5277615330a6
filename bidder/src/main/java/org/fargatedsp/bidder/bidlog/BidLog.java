package org.fargatedsp.bidder.bidlog;

import org.fargatedsp.bidlog.BidLogRecord;

/**
 * Where the request path hands bid-log records. {@link #offer} is safe to call from a Netty event loop: it never
 * blocks, never does I/O and never throws.
 */
public interface BidLog {
    /**
     * Queues a record for the writer thread. Returns false when the record was not queued: the queue was full or
     * the log is closed or disabled; a dropped record is counted by cause in {@link BidLogStats}.
     */
    boolean offer(BidLogRecord record);

    /** A bid log that writes nothing, for {@code BID_LOG_ENABLED=false}: every offer returns false, uncounted. */
    static BidLog disabled() {
        return record -> false;
    }
}
