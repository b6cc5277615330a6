package org.fargatedsp.bidder.bidlog;

import java.util.List;
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
 * Writes one bid-log record per bid request and one per notice. Building a record copies references the request
 * path already holds; the {@link BidLog} formats it on its own thread. Requests refused before they were decoded
 * have no request id to log and are counted by the metrics only.
 */
public final class BidLogObserver implements RequestObserver {
    private static final RecordType[] NOTICE_TYPES = {RecordType.WIN, RecordType.BILLING, RecordType.LOSS};
    private static final String[] NO_IMPS = new String[0];

    private final BidLog log;
    private final BidIds ids;
    private final String currency;
    private final String taskId;
    private final String version;

    public BidLogObserver(BidLog log, BidIds ids, String currency, String taskId, String version) {
        this.log = log;
        this.ids = ids;
        this.currency = currency;
        this.taskId = taskId;
        this.version = version;
    }

    @Override
    public void bid(BidRequest request, AuctionResult result, Catalog catalog, long firstBidSeq,
            long processingNanos, String exchange) {
        CampaignIndex index = catalog.snapshot().index();
        BidEntry[] bids = new BidEntry[result.bids()];
        for (int i = 0; i < bids.length; i++) {
            int entry = result.entry(i);
            Campaign campaign = index.campaign(entry);
            bids[i] = new BidEntry(request.imp().get(result.impIndex(i)).id(), ids.id(firstBidSeq + i),
                    campaign.seat(), campaign.id(), index.creative(entry).id(), result.dealId(i),
                    result.priceMicros(i), currency);
        }
        log.offer(BidRecord.bid(System.currentTimeMillis(), request.id(), exchange, impIds(request), bids,
                processingNanos / 1000, request.test() == 1, taskId, version));
    }

    @Override
    public void noBid(BidRequest request, NoBidReason reason, long processingNanos, String exchange) {
        if (request == null) {
            return;
        }
        log.offer(BidRecord.noBid(System.currentTimeMillis(), request.id(), exchange, impIds(request),
                reason.tag(), processingNanos / 1000, request.test() == 1, taskId, version));
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
                price == NoticeRecord.NO_PRICE ? null : currency,
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
