package org.fargatedsp.bidder.metrics;

import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.http.RequestObserver;
import org.fargatedsp.bidder.notice.Notice;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidlog.RecordType;

/** Turns request outcomes and notices into {@link BidderMetrics} meters. */
public final class MetricsObserver implements RequestObserver {
    private static final RecordType[] NOTICE_TYPES = {RecordType.WIN, RecordType.BILLING, RecordType.LOSS};

    private final BidderMetrics metrics;

    public MetricsObserver(BidderMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq,
            long processingNanos, String exchange) {
        metrics.bid();
        metrics.latencyNanos(processingNanos);
        for (int i = 0; i < result.bids(); i++) {
            metrics.bidPriceMicros(result.priceMicros(i));
        }
    }

    @Override
    public void noBid(BidRequest request, NoBidReason reason, long processingNanos, String exchange) {
        metrics.noBid(reason);
        metrics.latencyNanos(processingNanos);
    }

    @Override
    public void badRequest(BadRequestException.Kind kind) {
        metrics.badRequest(kind);
    }

    @Override
    public void response(int status) {
        metrics.response(status);
        if (status >= 500) {
            metrics.internalError();
        }
    }

    @Override
    public void notice(Notice notice, boolean duplicate, long spendMicros) {
        if (duplicate) {
            return;
        }
        metrics.notice(NOTICE_TYPES[notice.type().ordinal()]);
        if (notice.type() == Notice.Type.BILLING && spendMicros > 0) {
            metrics.spendCpmMicros(spendMicros * 1000);
        }
    }
}
