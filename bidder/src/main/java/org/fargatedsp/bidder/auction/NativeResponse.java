package org.fargatedsp.bidder.auction;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fargatedsp.bidder.campaign.NativeAd;
import org.fargatedsp.bidder.openrtb.JsonBytes;
import org.fargatedsp.bidder.openrtb.NativeRequest;

/**
 * One native creative's response (Native Ad Specification 1.2, section 5), pre-encoded when the campaigns are
 * loaded as fragments already escaped for the bid's {@code adm} string, and assembled per request: the request's
 * {@code ver}, then for each asset of the request that the creative fills (see {@link NativeFit}) its {@code id}
 * and the fragment, nothing for the others, then the link, the impression trackers and the event trackers whose
 * event and method the request supports. A Native 1.0 request, or one sent inside {@code {"native":{...}}}, is
 * answered inside {@code {"native":{...}}} too (1.2 section 5.1 on the root object of earlier versions).
 */
final class NativeResponse {
    /** Part of the bid itself, not of the native response: not escaped. */
    private static final byte[] ADM = ",\"adm\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRAPPER = escapedAscii("{\"native\":");
    private static final byte[] VER = escapedAscii("{\"ver\":\"");
    private static final byte[] ASSETS = escapedAscii("\",\"assets\":[");
    private static final byte[] ASSET_ID = escapedAscii("{\"id\":");
    private static final byte[] EVENTTRACKERS = escapedAscii(",\"eventtrackers\":[");
    private static final byte[] COMMA = {','};
    private static final byte[] DEFAULT_VER = "1.2".getBytes(StandardCharsets.US_ASCII);

    private final NativeAd ad;
    /** {@link NativeFit#choose} numbers: the title, each image, each data asset. */
    private final byte[][] fragments;
    private final int longestFragment;
    /** {@code ],"link":{...},"imptrackers":[...]}: from the end of the assets to the event trackers. */
    private final byte[] links;
    private final byte[][] eventTrackers;
    private final int eventTrackerBytes;

    NativeResponse(NativeAd ad) {
        this.ad = ad;
        List<NativeAd.Image> images = ad.images();
        List<NativeAd.Data> data = ad.data();
        fragments = new byte[1 + images.size() + data.size()][];
        ByteBuf buf = Unpooled.buffer(1024);
        try {
            if (ad.title() != null) {
                buf.writeCharSequence(",\"title\":{\"text\":", StandardCharsets.US_ASCII);
                JsonBytes.string(buf, ad.title());
                buf.writeCharSequence("}}", StandardCharsets.US_ASCII);
                fragments[NativeFit.TITLE] = escaped(buf);
            }
            for (int i = 0; i < images.size(); i++) {
                NativeAd.Image image = images.get(i);
                buf.writeCharSequence(",\"img\":{\"url\":", StandardCharsets.US_ASCII);
                JsonBytes.string(buf, image.url());
                buf.writeCharSequence(",\"w\":", StandardCharsets.US_ASCII);
                JsonBytes.decimal(buf, image.w());
                buf.writeCharSequence(",\"h\":", StandardCharsets.US_ASCII);
                JsonBytes.decimal(buf, image.h());
                buf.writeCharSequence("}}", StandardCharsets.US_ASCII);
                fragments[1 + i] = escaped(buf);
            }
            for (int j = 0; j < data.size(); j++) {
                buf.writeCharSequence(",\"data\":{\"value\":", StandardCharsets.US_ASCII);
                JsonBytes.string(buf, data.get(j).value());
                buf.writeCharSequence("}}", StandardCharsets.US_ASCII);
                fragments[1 + images.size() + j] = escaped(buf);
            }
            buf.writeCharSequence("],\"link\":{\"url\":", StandardCharsets.US_ASCII);
            JsonBytes.string(buf, ad.link().url());
            if (!ad.link().clicktrackers().isEmpty()) {
                buf.writeCharSequence(",\"clicktrackers\":", StandardCharsets.US_ASCII);
                strings(buf, ad.link().clicktrackers());
            }
            buf.writeByte('}');
            if (!ad.imptrackers().isEmpty()) {
                buf.writeCharSequence(",\"imptrackers\":", StandardCharsets.US_ASCII);
                strings(buf, ad.imptrackers());
            }
            links = escaped(buf);
            eventTrackers = new byte[ad.eventtrackers().size()][];
            int total = 0;
            for (int k = 0; k < eventTrackers.length; k++) {
                NativeAd.EventTracker tracker = ad.eventtrackers().get(k);
                buf.writeCharSequence("{\"event\":", StandardCharsets.US_ASCII);
                JsonBytes.decimal(buf, tracker.event());
                buf.writeCharSequence(",\"method\":", StandardCharsets.US_ASCII);
                JsonBytes.decimal(buf, tracker.method());
                buf.writeCharSequence(",\"url\":", StandardCharsets.US_ASCII);
                JsonBytes.string(buf, tracker.url());
                buf.writeByte('}');
                eventTrackers[k] = escaped(buf);
                total += eventTrackers[k].length + 1;
            }
            eventTrackerBytes = total;
        } finally {
            buf.release();
        }
        int longest = 0;
        for (byte[] fragment : fragments) {
            longest = fragment == null ? longest : Math.max(longest, fragment.length);
        }
        longestFragment = longest;
    }

    /** Writes {@code ,"adm":"<the native response, escaped>"} for {@code request}, which this creative fits. */
    void write(ByteBuf out, NativeRequest request) {
        out.writeBytes(ADM);
        boolean wrap = wrapped(request);
        if (wrap) {
            out.writeBytes(WRAPPER);
        }
        out.writeBytes(VER);
        String ver = request.ver();
        if (ver == null) {
            out.writeBytes(DEFAULT_VER);
        } else {
            // The decoder keeps only digits and dots: nothing to escape.
            out.writeCharSequence(ver, StandardCharsets.US_ASCII);
        }
        out.writeBytes(ASSETS);
        List<NativeRequest.Asset> assets = request.assets();
        boolean first = true;
        for (int i = 0; i < assets.size(); i++) {
            NativeRequest.Asset asset = assets.get(i);
            int fill = NativeFit.choose(ad, asset);
            if (fill == NativeFit.NONE) {
                continue;
            }
            if (!first) {
                out.writeByte(',');
            }
            first = false;
            out.writeBytes(ASSET_ID);
            JsonBytes.decimal(out, asset.id());
            out.writeBytes(fragments[fill]);
        }
        out.writeBytes(links);
        writeEventTrackers(out, request.eventtrackers());
        out.writeByte('}');
        if (wrap) {
            out.writeByte('}');
        }
        out.writeByte('"');
    }

    /** The trackers of events the request lists, by a method it lists for them (1.2, section 5.8). */
    private void writeEventTrackers(ByteBuf out, List<NativeRequest.EventTracker> supported) {
        boolean first = true;
        for (int k = 0; k < eventTrackers.length && !supported.isEmpty(); k++) {
            NativeAd.EventTracker tracker = ad.eventtrackers().get(k);
            if (!supports(supported, tracker)) {
                continue;
            }
            out.writeBytes(first ? EVENTTRACKERS : COMMA);
            first = false;
            out.writeBytes(eventTrackers[k]);
        }
        if (!first) {
            out.writeByte(']');
        }
    }

    private static boolean supports(List<NativeRequest.EventTracker> supported, NativeAd.EventTracker tracker) {
        for (int i = 0; i < supported.size(); i++) {
            NativeRequest.EventTracker s = supported.get(i);
            if (s.event() == tracker.event() && s.supports(tracker.method())) {
                return true;
            }
        }
        return false;
    }

    /** Enough room for the response to {@code request}, so the buffer is not grown while writing. */
    int estimateSize(NativeRequest request) {
        return 64 + request.assets().size() * (longestFragment + 16) + links.length + eventTrackerBytes + 32;
    }

    private static boolean wrapped(NativeRequest request) {
        String ver = request.ver();
        return request.wrapped() || (ver != null && (ver.equals("1") || ver.startsWith("1.0")));
    }

    private static void strings(ByteBuf buf, List<String> values) {
        buf.writeByte('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                buf.writeByte(',');
            }
            JsonBytes.string(buf, values.get(i));
        }
        buf.writeByte(']');
    }

    /**
     * The JSON in {@code buf} as the content of a JSON string, and {@code buf} cleared: the native response is a
     * string inside the bid, so each quote and backslash of it takes a backslash. JsonBytes has already escaped
     * every control character, so nothing else needs it, and UTF-8 passes through.
     */
    private static byte[] escaped(ByteBuf buf) {
        byte[] json = ByteBufUtil.getBytes(buf);
        buf.clear();
        int extra = 0;
        for (byte b : json) {
            if (b == '"' || b == '\\') {
                extra++;
            }
        }
        byte[] out = new byte[json.length + extra];
        int n = 0;
        for (byte b : json) {
            if (b == '"' || b == '\\') {
                out[n++] = '\\';
            }
            out[n++] = b;
        }
        return out;
    }

    private static byte[] escapedAscii(String json) {
        ByteBuf buf = Unpooled.buffer(json.length());
        try {
            buf.writeCharSequence(json, StandardCharsets.US_ASCII);
            return escaped(buf);
        } finally {
            buf.release();
        }
    }
}
