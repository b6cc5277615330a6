package org.fargatedsp.bidder.auction;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignIndex;
import org.fargatedsp.bidder.campaign.Creative;
import org.fargatedsp.bidder.campaign.MediaType;
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.fargatedsp.bidder.openrtb.JsonBytes;

/**
 * The parts of each bid that depend only on the campaign and creative, encoded to JSON bytes once per campaign
 * snapshot: the creative's fields (adm, adomain, cid, crid, cat, attr, size, mtype), the seat, and the campaign
 * and creative ids as they go into notice tokens. Encoding a bid then copies these bytes. A native creative's
 * {@code adm} depends on the request's assets: its entry has a {@link NativeResponse} instead.
 */
public final class BidTemplates {
    private final byte[][] tail;
    private final byte[][] seat;
    private final byte[][] noticeIds;
    private final NativeResponse[] nativeResponses;

    public BidTemplates(CampaignIndex index) {
        int size = index.size();
        tail = new byte[size][];
        seat = new byte[size][];
        noticeIds = new byte[size][];
        nativeResponses = new NativeResponse[size];
        java.util.Map<String, byte[]> seats = new java.util.HashMap<>();
        ByteBuf buf = Unpooled.buffer(4096);
        try {
            for (int e = 0; e < size; e++) {
                Campaign c = index.campaign(e);
                Creative cr = index.creative(e);
                buf.clear();
                writeTail(buf, c, cr);
                tail[e] = ByteBufUtil.getBytes(buf);
                if (cr.type() == MediaType.NATIVE) {
                    nativeResponses[e] = new NativeResponse(cr.nativeAd());
                }
                buf.clear();
                buf.writeCharSequence("\"seat\":", java.nio.charset.StandardCharsets.US_ASCII);
                JsonBytes.string(buf, c.seat());
                buf.writeByte(',');
                seat[e] = seats.computeIfAbsent(c.seat(), s -> ByteBufUtil.getBytes(buf));
                noticeIds[e] = NoticeSigner.ids(c.id(), cr.id());
            }
        } finally {
            buf.release();
        }
    }

    /** Bytes from after the notice URLs to the closing brace of a bid object. */
    byte[] tail(int entry) {
        return tail[entry];
    }

    /** {@code "seat":"...",} for the entry's seatbid. Entries of the same seat share one array. */
    byte[] seat(int entry) {
        return seat[entry];
    }

    /** The response builder of a native entry, whose tail has no {@code adm}; null for other entries. */
    NativeResponse nativeResponse(int entry) {
        return nativeResponses[entry];
    }

    /** The campaign and creative ids as the notice token holds them ({@link NoticeSigner#ids}). */
    byte[] noticeIds(int entry) {
        return noticeIds[entry];
    }

    private static void writeTail(ByteBuf buf, Campaign c, Creative cr) {
        field(buf, "adid", cr.id());
        if (cr.type() != MediaType.NATIVE) {
            field(buf, "adm", cr.adm());
        }
        buf.writeCharSequence(",\"adomain\":", java.nio.charset.StandardCharsets.US_ASCII);
        array(buf, c.adomain());
        if (c.bundle() != null) {
            field(buf, "bundle", c.bundle());
        }
        field(buf, "cid", c.id());
        field(buf, "crid", cr.id());
        if (!c.cat().isEmpty()) {
            buf.writeCharSequence(",\"cat\":", java.nio.charset.StandardCharsets.US_ASCII);
            array(buf, c.cat());
        }
        if (!cr.attr().isEmpty()) {
            buf.writeCharSequence(",\"attr\":[", java.nio.charset.StandardCharsets.US_ASCII);
            int n = 0;
            for (int attribute : cr.attr().stream().sorted().toList()) {
                if (n++ > 0) {
                    buf.writeByte(',');
                }
                JsonBytes.decimal(buf, attribute);
            }
            buf.writeByte(']');
        }
        if (cr.w() > 0 && cr.h() > 0 && cr.type() != MediaType.NATIVE) {
            buf.writeCharSequence(",\"w\":", java.nio.charset.StandardCharsets.US_ASCII);
            JsonBytes.decimal(buf, cr.w());
            buf.writeCharSequence(",\"h\":", java.nio.charset.StandardCharsets.US_ASCII);
            JsonBytes.decimal(buf, cr.h());
        }
        buf.writeCharSequence(",\"mtype\":", java.nio.charset.StandardCharsets.US_ASCII);
        JsonBytes.decimal(buf, cr.type().mtype());
        buf.writeByte('}');
    }

    private static void field(ByteBuf buf, String name, String value) {
        buf.writeByte(',');
        JsonBytes.string(buf, name);
        buf.writeByte(':');
        JsonBytes.string(buf, value);
    }

    private static void array(ByteBuf buf, List<String> values) {
        buf.writeByte('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                buf.writeByte(',');
            }
            JsonBytes.string(buf, values.get(i));
        }
        buf.writeByte(']');
    }
}
