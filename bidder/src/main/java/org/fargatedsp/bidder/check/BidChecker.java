package org.fargatedsp.bidder.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.fargatedsp.bidder.auction.AuctionResult;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.BidResponseWriter;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.auction.Explainer;
import org.fargatedsp.bidder.auction.Explanation;
import org.fargatedsp.bidder.campaign.EntryQuery;
import org.fargatedsp.bidder.json.Json;
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.fargatedsp.bidder.notice.NoticeSigningKeys;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.fargatedsp.bidder.openrtb.Repairs;

/**
 * The bid check: a request body in; out, what the decoder repaired, which impressions were biddable, why each
 * campaign did or did not bid ({@link Explainer}), and the response the bidder would have sent, from the auction
 * itself. Shared by {@code /openrtb2/bid/check} and the {@code BidCheck} command. It writes no bid log, spends no
 * budget (the auction never does; billing notices do) and takes no bid id from the bidder's sequence: the bids of
 * its responses are numbered by ids of its own. Their notice tokens are signed with a key drawn for the checker
 * alone, never {@code NOTICE_SIGNING_KEY}, so that a check's notice URLs look like a bid's but are refused:
 * otherwise anyone who reaches the check could mint billing notices. Thread-safe.
 */
public final class BidChecker {
    private final BidRequestDecoder decoder;
    private final Auctioneer auctioneer;
    private final Explainer explainer;
    private final BidResponseWriter writer;
    private final BidIds ids = new BidIds();

    /** @param noticeBaseUrl where the notice URLs of the responses point, as the bidder's own do */
    public BidChecker(BidRequestDecoder decoder, Auctioneer auctioneer, String noticeBaseUrl) {
        this.decoder = decoder;
        this.auctioneer = auctioneer;
        this.explainer = new Explainer(auctioneer);
        this.writer = new BidResponseWriter(noticeBaseUrl, auctioneer.currency(), ids,
                new NoticeSigner(NoticeSigningKeys.random()));
    }

    /** A check's JSON, and what it found. */
    public record Report(CheckOutcome outcome, byte[] json) {}

    /**
     * Checks the request in {@code body[0, length)} against {@code catalog} at {@code nowMillis}.
     *
     * @param focusCampaignId a campaign to explain creative by creative, or null
     */
    public Report check(byte[] body, int length, Catalog catalog, long nowMillis, String focusCampaignId) {
        BidRequest request;
        Repairs repairs = new Repairs();
        try {
            request = decoder.decode(body, 0, length, repairs);
        } catch (BadRequestException e) {
            return new Report(CheckOutcome.INVALID, CheckReport.refused(e, 400, DecoderRepairs.refused(e, repairs)));
        }
        Explanation explanation = explainer.explain(request, catalog.snapshot(), nowMillis, focusCampaignId);
        AuctionResult result = new AuctionResult();
        auctioneer.run(request, catalog.snapshot(), nowMillis, new EntryQuery(), result);
        JsonNode response = result.bids() == 0 ? null : response(request, result, catalog, nowMillis);
        return new Report(result.bids() > 0 ? CheckOutcome.BID : CheckOutcome.NOBID,
                CheckReport.of(request, DecoderRepairs.of(request, repairs), explanation, result.reason(), response));
    }

    /** The report of a request refused before or while it was decoded, with the status the bid endpoint answers. */
    public Report refused(BadRequestException e, int status) {
        return new Report(CheckOutcome.INVALID, CheckReport.refused(e, status, List.of(DecoderRepairs.refused(e))));
    }

    private JsonNode response(BidRequest request, AuctionResult result, Catalog catalog, long nowMillis) {
        ByteBuf out = Unpooled.buffer(writer.estimateSize(request, result, catalog.templates()));
        try {
            writer.write(out, request, result, catalog.templates(), ids.reserve(result.bids()), nowMillis, null);
            return Json.MAPPER.readTree((java.io.InputStream) new ByteBufInputStream(out));
        } catch (IOException e) {
            throw new UncheckedIOException("the bid response writer wrote invalid JSON", e);
        } finally {
            out.release();
        }
    }
}
