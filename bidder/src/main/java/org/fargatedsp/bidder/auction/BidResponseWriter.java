package org.fargatedsp.bidder.auction;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.fargatedsp.bidder.openrtb.BidRequest;
import org.fargatedsp.bidder.openrtb.JsonBytes;

/**
 * Encodes a BidResponse (spec 4.2.1) for an auction's bids straight into a buffer: bids grouped by seat, each
 * with its {@code nurl}, {@code burl} (carrying {@code ${AUCTION_PRICE}}) and {@code lurl} (carrying
 * {@code ${AUCTION_LOSS}}) pointing at the bidder's notice endpoints with the bid's signed token
 * ({@link NoticeSigner}), then the campaign's pre-encoded fields (a native bid's {@code adm} assembled for the
 * impression's assets). Nothing is allocated but the output buffer.
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
    private static final byte[] TOKEN_PARAM = ascii("tk=");
    private static final byte[] PRICE_MACRO = ascii("&p=${AUCTION_PRICE}");
    private static final byte[] LOSS_MACRO = ascii("&l=${AUCTION_LOSS}");
    private static final byte[] DEALID = ascii(",\"dealid\":");
    private static final byte[] BIDID = ascii("],\"bidid\":\"");
    private static final byte[] CUR = ascii("\",\"cur\":");

    private final byte[] noticeBase;
    private final byte[] currency;
    private final byte[] currencyCode;
    private final BidIds ids;
    private final NoticeSigner signer;

    /**
     * @param noticeBaseUrl where SSPs reach this bidder's notice endpoints, such as https://bid.example.com
     * @param currency the bidder's currency, ISO-4217
     * @param signer signs each bid's notice token
     */
    public BidResponseWriter(String noticeBaseUrl, String currency, BidIds ids, NoticeSigner signer) {
        this.noticeBase = ascii(noticeBaseUrl.endsWith("/")
                ? noticeBaseUrl.substring(0, noticeBaseUrl.length() - 1) : noticeBaseUrl);
        this.currency = ascii("\"" + currency + "\"}");
        this.currencyCode = ascii(currency);
        this.ids = ids;
        this.signer = signer;
    }

    /** A size that holds a typical response, so the buffer is not grown while writing. */
    public int estimateSize(BidRequest request, AuctionResult result, BidTemplates templates) {
        int size = 128 + request.id().length() * 3;
        for (int i = 0; i < result.bids(); i++) {
            int entry = result.entry(i);
            // The token: its fixed fields, a 64-character exchange, the ids at up to three UTF-8 bytes a character,
            // four base64 characters for every three bytes.
            int tokenBytes = 112 + templates.noticeIds(entry).length + 3 * (request.id().length()
                    + request.imp().get(result.impIndex(i)).id().length() + length(result.dealId(i)));
            size += 3 * (noticeBase.length + 64 + tokenBytes * 4 / 3) + templates.tail(entry).length;
            NativeResponse nativeResponse = templates.nativeResponse(result.entry(i));
            if (nativeResponse != null) {
                size += nativeResponse.estimateSize(request.imp().get(result.impIndex(i)).native_().request());
            }
        }
        return size;
    }

    /**
     * Writes the response. Bid {@code i} gets id {@code firstBidSeq + i} (see {@link BidIds}).
     *
     * @param exchange the exchange the request came from, which the notice tokens name; null for none
     */
    public void write(ByteBuf out, BidRequest request, AuctionResult result, BidTemplates templates,
            long firstBidSeq, long nowMillis, String exchange) {
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
                writeBid(out, request, result, templates, j, firstBidSeq + j, nowMillis, exchange);
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
            long bidSeq, long nowMillis, String exchange) {
        int entry = result.entry(i);
        String impId = request.imp().get(result.impIndex(i)).id();
        out.writeBytes(BID_ID);
        ids.write(out, bidSeq);
        out.writeBytes(IMPID);
        JsonBytes.string(out, impId);
        out.writeBytes(PRICE);
        JsonBytes.micros(out, result.priceMicros(i));
        // The three notice URLs share one query, the token and the price macro: sign and encode it once, in the
        // first, and copy it into the other two.
        out.writeBytes(NURL);
        out.writeBytes(noticeBase);
        out.writeBytes(WIN_PATH);
        int queryStart = out.writerIndex();
        out.writeBytes(TOKEN_PARAM);
        signer.write(out, ids.prefix(), bidSeq, nowMillis, result.priceMicros(i), currencyCode, exchange,
                request.id(), impId, templates.noticeIds(entry), result.dealId(i));
        out.writeBytes(PRICE_MACRO);
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

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
