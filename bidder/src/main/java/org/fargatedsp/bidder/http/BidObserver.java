package org.fargatedsp.bidder.http;

import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;

/**
 * Told the outcome of every bid request, on the event loop, to count it and log it. Implementations must not
 * block and should not allocate: they run once per request on the hot path.
 */
public interface BidObserver {
    /** A request answered with bids; bid {@code i} has sequence number {@code firstBidSeq + i}. */
    void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq, long processingNanos,
            String exchange);

    /** A request answered with a 204; {@code request} is null when it was shed before being decoded. */
    void noBid(BidRequest request, NoBidReason reason, long processingNanos, String exchange);

    /** A request refused with a 4xx. */
    void badRequest(BadRequestException.Kind kind);

    /** Any response the server sends, with its status; counted by class (2xx, 4xx, 5xx). */
    void response(int status);
}
