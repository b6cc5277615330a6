package org.fargatedsp.bidder.http;

import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.check.CheckOutcome;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Repairs;

/**
 * Told the outcome of every bid request, on the event loop, to count it and log it. Implementations must not
 * block and should not allocate: they run once per request on the hot path.
 *
 * <p>An outcome is told when the response is built, before it is written: an observer that needs the time the
 * client saw keeps what it needs until {@link #written}, which the event loop calls once the responses have gone
 * to the socket. Between an outcome and that call the loop serves no other connection.
 */
public interface BidObserver {
    /**
     * A request answered with bids; bid {@code i} has sequence number {@code firstBidSeq + i}. {@code startNanos}
     * is when the request's first byte was read, on the clock of {@link #written}.
     */
    void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq, long startNanos,
            String exchange);

    /** A request answered with a 204; {@code request} is null when it was shed before being decoded. */
    void noBid(BidRequest request, NoBidReason reason, long startNanos, String exchange);

    /** A bid check ({@code /openrtb2/bid/check}): not a bid request, so it is told of nothing else above. */
    default void check(CheckOutcome outcome) {
        // Only the counters and the metrics count checks; the bid log never sees them.
    }

    /**
     * The decoder repaired the request {@code requestId} (null when it had no usable id): told only when
     * {@code repairs} is not empty, before the request's outcome (its bid, no bid or refusal). {@code repairs} is
     * the event loop's own, cleared for the next request: read it during the call, keep nothing of it.
     */
    default void repaired(String requestId, Repairs repairs) {
        // Only observers that count or log repairs need this.
    }

    /** A request refused with a 4xx. */
    void badRequest(BadRequestException.Kind kind);

    /** Any response the server sends, with its status; counted by class (2xx, 4xx, 5xx). */
    void response(int status);

    /**
     * The responses to every bid request told on the calling thread since the last call have been handed to the
     * socket, at {@code writtenNanos}.
     */
    default void written(long writtenNanos) {
        // Only observers that measure the whole span need this.
    }
}
