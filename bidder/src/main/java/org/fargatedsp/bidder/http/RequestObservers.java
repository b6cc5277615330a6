package org.fargatedsp.bidder.http;

import java.util.List;
import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.check.CheckOutcome;
import org.fargatedsp.bidder.notice.Notice;
import org.fargatedsp.bidder.notice.NoticeRejection;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Repairs;

/** Passes each event to several observers, in order; an indexed loop over an array, so nothing is allocated. */
public final class RequestObservers implements RequestObserver {
    private final RequestObserver[] observers;

    public RequestObservers(List<RequestObserver> observers) {
        this.observers = observers.toArray(new RequestObserver[0]);
    }

    @Override
    public void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq,
            long startNanos, String exchange) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].bid(request, result, catalog, firstBidSeq, startNanos, exchange);
        }
    }

    @Override
    public void noBid(BidRequest request, NoBidReason reason, long startNanos, String exchange) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].noBid(request, reason, startNanos, exchange);
        }
    }

    @Override
    public void check(CheckOutcome outcome) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].check(outcome);
        }
    }

    @Override
    public void repaired(String requestId, Repairs repairs) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].repaired(requestId, repairs);
        }
    }

    @Override
    public void written(long writtenNanos) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].written(writtenNanos);
        }
    }

    @Override
    public void badRequest(BadRequestException.Kind kind) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].badRequest(kind);
        }
    }

    @Override
    public void response(int status) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].response(status);
        }
    }

    @Override
    public void notice(Notice notice, boolean duplicate, long spendMicros) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].notice(notice, duplicate, spendMicros);
        }
    }

    @Override
    public void rejected(NoticeRejection reason) {
        for (int i = 0; i < observers.length; i++) {
            observers[i].rejected(reason);
        }
    }
}
