package org.fargatedsp.bidlog;

import java.util.Arrays;
import java.util.Objects;

/**
 * The bid-log line for one bid request. The bidder builds it on the event loop from fields it already holds
 * (strings, primitives and two small arrays) and hands it to the bid log; all formatting happens on the writer
 * thread. The arrays are owned by the record once it is built: callers must not change them afterwards.
 *
 * @param ts when the request was received, epoch milliseconds
 * @param requestId the OpenRTB {@code BidRequest.id}; null for a request shed before it was read (reason
 *     {@code overloaded})
 * @param exchange the exchange or seat the request came from, or null when unknown
 * @param impIds the {@code Imp.id} of every impression in the request, in request order; empty for a request
 *     shed before it was read
 * @param outcome whether the bidder bid
 * @param reason the no-bid reason code on a no-bid (see {@code docs/bid-log.md}), null on a bid
 * @param bids the bids returned, empty on a no-bid
 * @param processingUs the time from the request's first byte read to its response's last byte written, in
 *     microseconds
 * @param test whether the request had {@code test=1} (OpenRTB 2.6 section 3.2.1)
 * @param taskId the ECS task id of the bidder
 * @param version the bidder's version
 */
public record BidRecord(long ts, String requestId, String exchange, String[] impIds, Outcome outcome, String reason,
                        BidEntry[] bids, long processingUs, boolean test, String taskId, String version)
        implements BidLogRecord {
    private static final BidEntry[] NO_BIDS = new BidEntry[0];

    /**
     * Checks what the schema requires: a bid has bids, no reason and a request id, a no-bid a reason and no bids.
     */
    public BidRecord {
        Require.nonNullElements(impIds, "imp_ids");
        Require.nonNull(outcome, "outcome");
        Require.nonNullElements(bids, "bids");
        Require.nonNull(taskId, "task_id");
        Require.nonNull(version, "version");
        if (outcome == Outcome.BID && (bids.length == 0 || reason != null)) {
            throw new IllegalArgumentException("a bid has at least one bid and no reason");
        }
        if (outcome == Outcome.BID) {
            // Only a request the bidder did not read has no id, and such a request gets no bid.
            Require.nonNull(requestId, "request_id");
        }
        if (outcome == Outcome.NOBID && (bids.length != 0 || reason == null)) {
            throw new IllegalArgumentException("a no-bid has a reason and no bids");
        }
    }

    /** A no-bid record: {@code reason} is one of the no-bid reason codes. */
    public static BidRecord noBid(long ts, String requestId, String exchange, String[] impIds, String reason,
                                  long processingUs, boolean test, String taskId, String version) {
        return new BidRecord(ts, requestId, exchange, impIds, Outcome.NOBID, reason, NO_BIDS, processingUs, test,
                taskId, version);
    }

    /** A bid record carrying the bids the response returned. */
    public static BidRecord bid(long ts, String requestId, String exchange, String[] impIds, BidEntry[] bids,
                                long processingUs, boolean test, String taskId, String version) {
        return new BidRecord(ts, requestId, exchange, impIds, Outcome.BID, null, bids, processingUs, test, taskId,
                version);
    }

    @Override
    public RecordType type() {
        return RecordType.BID;
    }

    // Records compare arrays by identity; a log line is a value, so compare contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof BidRecord r
                && ts == r.ts && processingUs == r.processingUs && test == r.test
                && Objects.equals(requestId, r.requestId) && Objects.equals(exchange, r.exchange)
                && Arrays.equals(impIds, r.impIds) && outcome == r.outcome
                && Objects.equals(reason, r.reason) && Arrays.equals(bids, r.bids)
                && taskId.equals(r.taskId) && version.equals(r.version);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(requestId) + Long.hashCode(ts);
    }

    @Override
    public String toString() {
        return "BidRecord[ts=" + ts + ", requestId=" + requestId + ", exchange=" + exchange
                + ", impIds=" + Arrays.toString(impIds) + ", outcome=" + outcome + ", reason=" + reason
                + ", bids=" + Arrays.toString(bids) + ", processingUs=" + processingUs + ", test=" + test
                + ", taskId=" + taskId + ", version=" + version + "]";
    }
}
