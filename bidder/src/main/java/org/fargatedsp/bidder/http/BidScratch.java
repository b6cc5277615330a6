package org.fargatedsp.bidder.http;

import io.netty.util.concurrent.FastThreadLocal;
import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.campaign.EntryQuery;
import org.fargatedsp.bidder.openrtb.Repairs;

/**
 * Per-event-loop working memory of the bid path: the request body as bytes, what its decoding repaired, the index
 * query and the auction result. Event loops handle one request at a time, so one of each per thread is enough and
 * nothing is allocated per request.
 */
final class BidScratch {
    private static final int INITIAL_BODY_BYTES = 16 * 1024;
    private static final FastThreadLocal<BidScratch> CURRENT = new FastThreadLocal<>() {
        @Override
        protected BidScratch initialValue() {
            return new BidScratch();
        }
    };

    final Repairs repairs = new Repairs();
    final EntryQuery query = new EntryQuery();
    final AuctionResult result = new AuctionResult();
    private byte[] body = new byte[INITIAL_BODY_BYTES];

    static BidScratch current() {
        return CURRENT.get();
    }

    /** A body buffer of at least {@code capacity} bytes, with the content of the current one. */
    byte[] grow(int capacity) {
        if (body.length < capacity) {
            body = java.util.Arrays.copyOf(body, Math.max(capacity, body.length * 2));
        }
        return body;
    }

    byte[] body() {
        return body;
    }
}
