package org.fargatedsp.bidder.http;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.check.CheckOutcome;
import org.fargatedsp.bidder.notice.Notice;
import org.fargatedsp.bidder.notice.NoticeRejection;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;

/** In-process counts of outcomes since start, shown in {@code /health}'s details; cheap enough for every request. */
public final class RequestStats implements RequestObserver {
    private final LongAdder bids = new LongAdder();
    private final LongAdder[] noBids = adders(NoBidReason.values().length);
    private final LongAdder[] badRequests = adders(BadRequestException.Kind.values().length);
    private final LongAdder[] notices = adders(Notice.Type.values().length);
    private final LongAdder duplicateNotices = new LongAdder();
    private final LongAdder[] rejectedNotices = adders(NoticeRejection.values().length);
    private final LongAdder[] checks = adders(CheckOutcome.values().length);

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    @Override
    public void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq,
            long startNanos, String exchange) {
        bids.increment();
    }

    @Override
    public void noBid(BidRequest request, NoBidReason reason, long startNanos, String exchange) {
        noBids[reason.ordinal()].increment();
    }

    @Override
    public void check(CheckOutcome outcome) {
        checks[outcome.ordinal()].increment();
    }

    @Override
    public void badRequest(BadRequestException.Kind kind) {
        badRequests[kind.ordinal()].increment();
    }

    @Override
    public void response(int status) {
        // Status classes are the metrics' business; the health details show outcomes.
    }

    @Override
    public void notice(Notice notice, boolean duplicate, long spendMicros) {
        notices[notice.type().ordinal()].increment();
        if (duplicate) {
            duplicateNotices.increment();
        }
    }

    @Override
    public void rejected(NoticeRejection reason) {
        rejectedNotices[reason.ordinal()].increment();
    }

    public long bids() {
        return bids.sum();
    }

    public long noBids(NoBidReason reason) {
        return noBids[reason.ordinal()].sum();
    }

    /** Bid checks with {@code outcome}; they are not bid requests, so no other count holds them. */
    public long checks(CheckOutcome outcome) {
        return checks[outcome.ordinal()].sum();
    }

    public long badRequests(BadRequestException.Kind kind) {
        return badRequests[kind.ordinal()].sum();
    }

    public long notices(Notice.Type type) {
        return notices[type.ordinal()].sum();
    }

    public long duplicateNotices() {
        return duplicateNotices.sum();
    }

    /** Notices refused with 403 for {@code reason}. */
    public long rejectedNotices(NoticeRejection reason) {
        return rejectedNotices[reason.ordinal()].sum();
    }

    /** Non-zero no-bid counts by reason tag. */
    public Map<String, Long> noBidsByReason() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (NoBidReason reason : NoBidReason.values()) {
            long n = noBids(reason);
            if (n > 0) {
                counts.put(reason.tag(), n);
            }
        }
        return counts;
    }

    /** Non-zero bad-request counts by kind tag. */
    public Map<String, Long> badRequestsByKind() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (BadRequestException.Kind kind : BadRequestException.Kind.values()) {
            long n = badRequests(kind);
            if (n > 0) {
                counts.put(kind.tag(), n);
            }
        }
        return counts;
    }

    /** Counts of notices by type. */
    public Map<Notice.Type, Long> noticesByType() {
        Map<Notice.Type, Long> counts = new EnumMap<>(Notice.Type.class);
        for (Notice.Type type : Notice.Type.values()) {
            counts.put(type, notices(type));
        }
        return counts;
    }
}
