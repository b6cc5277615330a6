package org.fargatedsp.bidder.metrics;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.check.CheckOutcome;
import org.fargatedsp.bidder.http.RequestObserver;
import org.fargatedsp.bidder.notice.Notice;
import org.fargatedsp.bidder.notice.NoticeRejection;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Repairs;
import org.fargatedsp.bidlog.RecordType;

/**
 * Turns request outcomes and notices into {@link BidderMetrics} meters. A request's latency is recorded once its
 * response is written ({@link #written}): from its first byte read to then, the span the client sees.
 */
public final class MetricsObserver implements RequestObserver {
    private static final RecordType[] NOTICE_TYPES = {RecordType.WIN, RecordType.BILLING, RecordType.LOSS};

    private final BidderMetrics metrics;
    private final LongSupplier clockNanos;
    private final FastThreadLocal<PendingLatencies> pending = new FastThreadLocal<>() {
        @Override
        protected PendingLatencies initialValue() {
            return new PendingLatencies();
        }
    };

    /** @param clockNanos the clock of the requests' start and written times */
    public MetricsObserver(BidderMetrics metrics, LongSupplier clockNanos) {
        this.metrics = metrics;
        this.clockNanos = clockNanos;
    }

    @Override
    public void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq,
            long startNanos, String exchange) {
        metrics.bid();
        hold(startNanos);
        for (int i = 0; i < result.bids(); i++) {
            metrics.bidPriceMicros(result.priceMicros(i));
        }
    }

    @Override
    public void noBid(BidRequest request, NoBidReason reason, long startNanos, String exchange) {
        metrics.noBid(reason);
        hold(startNanos);
    }

    private void hold(long startNanos) {
        if (pending.get().add(startNanos)) {
            written(clockNanos.getAsLong());
        }
    }

    @Override
    public void written(long writtenNanos) {
        PendingLatencies latencies = pending.getIfExists();
        if (latencies != null) {
            latencies.record(writtenNanos, metrics);
        }
    }

    @Override
    public void check(CheckOutcome outcome) {
        metrics.bidCheck(outcome);
    }

    @Override
    public void repaired(String requestId, Repairs repairs) {
        metrics.repaired(repairs);
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

    @Override
    public void rejected(NoticeRejection reason) {
        metrics.noticeRejected(reason);
    }
}
