package org.fargatedsp.bidder.bidlog;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.http.RequestObserver;
import org.fargatedsp.bidder.notice.Notice;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.Imp;
import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidRecord;
import org.fargatedsp.bidlog.NoticeRecord;
import org.fargatedsp.bidlog.RecordType;

/**
 * Writes one bid-log record per bid request answered with a bid or a 204, shed ones included, and one per
 * notice. Building a record copies references the request path already holds; the {@link BidLog} formats it on
 * its own thread. A bid request's record is held until its response is written ({@link #written}), so that its
 * {@code processing_us} ends there. Requests refused with a 4xx are counted by the metrics only.
 */
public final class BidLogObserver implements RequestObserver {
    private static final RecordType[] NOTICE_TYPES = {RecordType.WIN, RecordType.BILLING, RecordType.LOSS};
    private static final String[] NO_IMPS = new String[0];
    private static final BidEntry[] NO_BIDS = new BidEntry[0];

    private final BidLog log;
    private final BidIds ids;
    private final String currency;
    private final String taskId;
    private final String version;
    private final LongSupplier clockNanos;
    private final FastThreadLocal<PendingRecords> pending = new FastThreadLocal<>() {
        @Override
        protected PendingRecords initialValue() {
            return new PendingRecords();
        }
    };

    /** @param clockNanos the clock of the requests' start and written times */
    public BidLogObserver(BidLog log, BidIds ids, String currency, String taskId, String version,
            LongSupplier clockNanos) {
        this.log = log;
        this.ids = ids;
        this.currency = currency;
        this.taskId = taskId;
        this.version = version;
        this.clockNanos = clockNanos;
    }

    @Override
    public void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq,
            long startNanos, String exchange) {
        CampaignIndex index = catalog.snapshot().index();
        BidEntry[] bids = new BidEntry[result.bids()];
        for (int i = 0; i < bids.length; i++) {
            int entry = result.entry(i);
            Campaign campaign = index.campaign(entry);
            bids[i] = new BidEntry(request.imp().get(result.impIndex(i)).id(), ids.id(firstBidSeq + i),
                    campaign.seat(), campaign.id(), index.creative(entry).id(), result.dealId(i),
                    result.priceMicros(i), currency);
        }
        hold(request.id(), exchange, impIds(request), null, bids, request.test() == 1, startNanos);
    }

    @Override
    public void noBid(BidRequest request, NoBidReason reason, long startNanos, String exchange) {
        // A request shed before it was decoded is logged all the same, with what is known without reading it.
        if (request == null) {
            hold(null, exchange, NO_IMPS, reason.tag(), NO_BIDS, false, startNanos);
        } else {
            hold(request.id(), exchange, impIds(request), reason.tag(), NO_BIDS, request.test() == 1, startNanos);
        }
    }

    private void hold(String requestId, String exchange, String[] impIds, String reason, BidEntry[] bids,
            boolean test, long startNanos) {
        PendingRecords records = pending.get();
        records.add(requestId, exchange, impIds, reason, bids, test, startNanos);
        if (records.full()) {
            written(clockNanos.getAsLong());
        }
    }

    @Override
    public void written(long writtenNanos) {
        PendingRecords records = pending.getIfExists();
        if (records != null && !records.isEmpty()) {
            records.finish(writtenNanos, System.currentTimeMillis(), log, taskId, version);
        }
    }

    @Override
    public void badRequest(BadRequestException.Kind kind) {
        // Nothing decodable to log: the metrics count these.
    }

    @Override
    public void response(int status) {
        // The bid and no-bid records already say what was answered.
    }

    @Override
    public void notice(Notice notice, boolean duplicate, long spendMicros) {
        long price = notice.priceMicros() < 0 ? NoticeRecord.NO_PRICE : notice.priceMicros();
        log.offer(new NoticeRecord(NOTICE_TYPES[notice.type().ordinal()], System.currentTimeMillis(),
                notice.requestId(), notice.impId(), notice.bidId(), notice.campaignId(), notice.creativeId(), price,
                price == NoticeRecord.NO_PRICE ? null : notice.currency(),
                notice.lossReason() < 0 ? NoticeRecord.NO_LOSS_REASON : notice.lossReason(), taskId, version));
    }

    private static String[] impIds(BidRequest request) {
        List<Imp> imps = request.imp();
        if (imps.isEmpty()) {
            return NO_IMPS;
        }
        String[] ids = new String[imps.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = imps.get(i).id();
        }
        return ids;
    }
}
