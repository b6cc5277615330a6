package org.fargatedsp.bidder.auction;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.JsonBytes;

/**
 * Encodes a BidResponse (spec 4.2.1) for an auction's bids straight into a buffer: bids grouped by seat, each
 * with its {@code nurl}, {@code burl} (carrying {@code ${AUCTION_PRICE}}) and {@code lurl} (carrying
 * {@code ${AUCTION_LOSS}}) pointing at the bidder's notice endpoints, then the campaign's pre-encoded fields (a
 * native bid's {@code adm} assembled for the impression's assets). Nothing is allocated but the output buffer.
 */
public final class BidResponseWriter {
    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] SEATBID = ascii(",\"seatbid\":[");
    private static final byte[] BID_ARRAY = ascii("\"bid\":[");
    private static final byte[] BID_ID = ascii("{\"id\":\"");
    private static final byte[] IMPID = ascii("\",\"impid\":");
    private static final byte[] PRICE = ascii(",\"price\":");
    private static final byte[] NURL = ascii(",\"nurl\":\"");
    private static final byte[] BURL = ascii(",\"burl\":\"");
    private static final byte[] LURL = ascii(",\"lurl\":\"");
    private static final byte[] WIN_PATH = ascii("/notice/win?");
    private static final byte[] BILLING_PATH = ascii("/notice/billing?");
    private static final byte[] LOSS_PATH = ascii("/notice/loss?");
    private static final byte[] BID_PARAM = ascii("b=");
    private static final byte[] REQUEST_PARAM = ascii("&r=");
    private static final byte[] IMP_PARAM = ascii("&i=");
    private static final byte[] DEAL_PARAM = ascii("&d=");
    private static final byte[] BID_PRICE_PARAM = ascii("&bp=");
    private static final byte[] TIME_PARAM = ascii("&t=");
    private static final byte[] PRICE_MACRO = ascii("&p=${AUCTION_PRICE}");
    private static final byte[] LOSS_MACRO = ascii("&l=${AUCTION_LOSS}");
    private static final byte[] DEALID = ascii(",\"dealid\":");
    private static final byte[] BIDID = ascii("],\"bidid\":\"");
    private static final byte[] CUR = ascii("\",\"cur\":");

    private final byte[] noticeBase;
    private final byte[] currency;
    private final BidIds ids;

    /**
     * @param noticeBaseUrl where SSPs reach this bidder's notice endpoints, such as https://bid.example.com
     * @param currency the bidder's currency, ISO-4217
     */
    public BidResponseWriter(String noticeBaseUrl, String currency, BidIds ids) {
        this.noticeBase = ascii(noticeBaseUrl.endsWith("/")
                ? noticeBaseUrl.substring(0, noticeBaseUrl.length() - 1) : noticeBaseUrl);
        this.currency = ascii("\"" + currency + "\"}");
        this.ids = ids;
    }

    /** A size that holds a typical response, so the buffer is not grown while writing. */
    public int estimateSize(BidRequest request, AuctionResult result, BidTemplates templates) {
        int size = 128 + request.id().length() * 3;
        for (int i = 0; i < result.bids(); i++) {
            size += 3 * (noticeBase.length + 160 + request.id().length() * 3) + templates.tail(result.entry(i)).length;
            NativeResponse nativeResponse = templates.nativeResponse(result.entry(i));
            if (nativeResponse != null) {
                size += nativeResponse.estimateSize(request.imp().get(result.impIndex(i)).native_().request());
            }
        }
        return size;
    }

    /**
     * Writes the response. Bid {@code i} gets id {@code firstBidSeq + i} (see {@link BidIds}).
     */
    public void write(ByteBuf out, BidRequest request, AuctionResult result, BidTemplates templates,
            long firstBidSeq, long nowMillis) {
        out.writeBytes(ID);
        JsonBytes.string(out, request.id());
        out.writeBytes(SEATBID);
        int bids = result.bids();
        boolean firstSeat = true;
        for (int i = 0; i < bids; i++) {
            byte[] seat = templates.seat(result.entry(i));
            if (seenSeatBefore(result, templates, i, seat)) {
                continue;
            }
            if (!firstSeat) {
                out.writeByte(',');
            }
            firstSeat = false;
            out.writeByte('{');
            out.writeBytes(seat);
            out.writeBytes(BID_ARRAY);
            boolean firstBid = true;
            for (int j = i; j < bids; j++) {
                if (templates.seat(result.entry(j)) != seat) {
                    continue;
                }
                if (!firstBid) {
                    out.writeByte(',');
                }
                firstBid = false;
                writeBid(out, request, result, templates, j, firstBidSeq + j, nowMillis);
            }
            out.writeByte(']');
            out.writeByte('}');
        }
        out.writeBytes(BIDID);
        ids.write(out, firstBidSeq);
        out.writeBytes(CUR);
        out.writeBytes(currency);
    }

    /** Seats are template byte arrays shared by all entries of one seat, so the same seat is the same array. */
    private static boolean seenSeatBefore(AuctionResult result, BidTemplates templates, int i, byte[] seat) {
        for (int k = 0; k < i; k++) {
            if (templates.seat(result.entry(k)) == seat) {
                return true;
            }
        }
        return false;
    }

    private void writeBid(ByteBuf out, BidRequest request, AuctionResult result, BidTemplates templates, int i,
            long bidSeq, long nowMillis) {
        int entry = result.entry(i);
        String impId = request.imp().get(result.impIndex(i)).id();
        out.writeBytes(BID_ID);
        ids.write(out, bidSeq);
        out.writeBytes(IMPID);
        JsonBytes.string(out, impId);
        out.writeBytes(PRICE);
        JsonBytes.micros(out, result.priceMicros(i));
        // The three notice URLs share one query: encode it once, in the first, and copy it into the other two.
        out.writeBytes(NURL);
        out.writeBytes(noticeBase);
        out.writeBytes(WIN_PATH);
        int queryStart = out.writerIndex();
        noticeQuery(out, request, result, templates, i, bidSeq, impId, nowMillis);
        int queryLength = out.writerIndex() - queryStart;
        out.writeByte('"');
        out.writeBytes(BURL);
        out.writeBytes(noticeBase);
        out.writeBytes(BILLING_PATH);
        out.writeBytes(out, queryStart, queryLength);
        out.writeByte('"');
        out.writeBytes(LURL);
        out.writeBytes(noticeBase);
        out.writeBytes(LOSS_PATH);
        out.writeBytes(out, queryStart, queryLength);
        out.writeBytes(LOSS_MACRO);
        out.writeByte('"');
        String deal = result.dealId(i);
        if (deal != null) {
            out.writeBytes(DEALID);
            JsonBytes.string(out, deal);
        }
        NativeResponse nativeResponse = templates.nativeResponse(entry);
        if (nativeResponse != null) {
            nativeResponse.write(out, request.imp().get(result.impIndex(i)).native_().request());
        }
        out.writeBytes(templates.tail(entry));
    }

    /** The notice query, ending with the price macro; percent-encoded text needs no JSON escaping. */
    private void noticeQuery(ByteBuf out, BidRequest request, AuctionResult result, BidTemplates templates, int i,
            long bidSeq, String impId, long nowMillis) {
        out.writeBytes(BID_PARAM);
        ids.write(out, bidSeq);
        out.writeBytes(REQUEST_PARAM);
        JsonBytes.urlEncoded(out, request.id());
        out.writeBytes(IMP_PARAM);
        JsonBytes.urlEncoded(out, impId);
        out.writeBytes(templates.noticeIds(result.entry(i)));
        String deal = result.dealId(i);
        if (deal != null) {
            out.writeBytes(DEAL_PARAM);
            JsonBytes.urlEncoded(out, deal);
        }
        out.writeBytes(BID_PRICE_PARAM);
        JsonBytes.micros(out, result.priceMicros(i));
        out.writeBytes(TIME_PARAM);
        JsonBytes.decimal(out, nowMillis);
        out.writeBytes(PRICE_MACRO);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
