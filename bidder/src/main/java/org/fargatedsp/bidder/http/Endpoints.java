package org.fargatedsp.bidder.http;

import java.util.List;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.BidResponseWriter;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.logging.SampledLogger;
import org.fargatedsp.bidder.notice.NoticeEndpoint;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;

/** Everything the per-connection handlers share: the endpoints, the server state, the counters and the log. */
public record Endpoints(
        BidEndpoint bid,
        HealthEndpoint health,
        NoticeEndpoint notice,
        ServerState state,
        BidObserver observer,
        Logs logs) {

    /** Sampled logs of per-request problems: refused requests, and failures inside the bidder. */
    public record Logs(SampledLogger badRequests, SampledLogger failures) {}

    /** Limits of the bid endpoint. */
    public record BidLimits(int maxInflatedBodyBytes, long defaultTmaxMs, long networkMarginMs) {}

    /** Wires the endpoints from their parts. */
    public static Endpoints create(BidRequestDecoder decoder, Auctioneer auctioneer, BidResponseWriter writer,
            BidIds ids, Supplier<Catalog> catalog, NoticeEndpoint notices, ServerState state, RequestStats stats,
            BidObserver observer, Logs logs, BidLimits limits, List<HealthDetail> healthDetails) {
        BidEndpoint bid = new BidEndpoint(decoder, auctioneer, writer, ids, catalog, observer,
                limits.maxInflatedBodyBytes(), limits.defaultTmaxMs(), limits.networkMarginMs());
        return new Endpoints(bid, new HealthEndpoint(state, catalog, stats, healthDetails), notices, state, observer,
                logs);
    }
}
