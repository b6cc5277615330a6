package org.fargatedsp.bidder.openrtb;

import static org.fargatedsp.bidder.openrtb.JsonFields.list;
import static org.fargatedsp.bidder.openrtb.JsonFields.startObject;
import static org.fargatedsp.bidder.openrtb.JsonFields.value;
import static org.fargatedsp.bidder.openrtb.JsonFields.valueList;
import static org.fargatedsp.bidder.openrtb.JsonNumbers.decimal;
import static org.fargatedsp.bidder.openrtb.JsonNumbers.flag;
import static org.fargatedsp.bidder.openrtb.JsonNumbers.intArray;
import static org.fargatedsp.bidder.openrtb.JsonNumbers.integer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Streams an {@link Imp} and the objects inside it (spec 3.2.4 to 3.2.12), leniently ({@link JsonFields}). A field
 * it cannot read costs what its {@link RepairField.Scope} says: the impression, a deal, or nothing.
 */
final class ImpDecoder {
    private ImpDecoder() {}

    /**
     * The element at {@code position} of {@code imp}; null when it is not an object or has no usable id, and then
     * it is to be skipped.
     */
    static Imp imp(JsonParser p, Repairs r, int position) throws IOException {
        r.beginImp(position);
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            r.dropped(RepairField.IMP);
            r.endImp();
            return null;
        }
        String id = null;
        boolean idDropped = false;
        Banner banner = null;
        Video video = null;
        Audio audio = null;
        Native nativeObject = null;
        Pmp pmp = null;
        double bidfloor = 0;
        String bidfloorcur = null;
        int instl = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "id" -> {
                    id = JsonFields.id(p, r, RepairField.IMP_ID);
                    idDropped = id == null && p.currentToken() != JsonToken.VALUE_NULL;
                }
                case "banner" -> banner = banner(p, r);
                case "video" -> video = video(p, r);
                case "audio" -> audio = audio(p, r);
                case "native" -> nativeObject = NativeRequestDecoder.nativeObject(p, r);
                case "pmp" -> pmp = pmp(p, r);
                case "bidfloor" -> bidfloor = decimal(p, r, RepairField.IMP_BIDFLOOR);
                case "bidfloorcur" -> bidfloorcur = value(p, r, RepairField.IMP_BIDFLOORCUR);
                case "instl" -> instl = flag(p, r, RepairField.IMP_INSTL, 0);
                default -> p.skipChildren();
            }
        }
        if ((id == null || id.isEmpty()) && !idDropped) {
            r.dropped(RepairField.IMP_ID);
        }
        if (id == null || id.isEmpty()) {
            r.endImp();
            return null;
        }
        return new Imp(id, banner, video, audio, nativeObject, pmp, bidfloor, bidfloorcur, instl, r.endImp());
    }

    private static Banner banner(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.IMP_BANNER)) {
            return null;
        }
        int w = 0;
        int h = 0;
        List<Format> format = null;
        int[] battr = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "w" -> w = integer(p, r, RepairField.IMP_BANNER_W, 0);
                case "h" -> h = integer(p, r, RepairField.IMP_BANNER_H, 0);
                case "format" -> format = list(p, r, RepairField.IMP_BANNER_FORMAT, ImpDecoder::format);
                case "battr" -> battr = intArray(p, r, RepairField.IMP_BANNER_BATTR);
                default -> p.skipChildren();
            }
        }
        return new Banner(w, h, format, battr);
    }

    private static Format format(JsonParser p, Repairs r, RepairField field) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            r.dropped(field);
            return null;
        }
        int w = 0;
        int h = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "w" -> w = integer(p, r, RepairField.IMP_BANNER_FORMAT_W, 0);
                case "h" -> h = integer(p, r, RepairField.IMP_BANNER_FORMAT_H, 0);
                default -> p.skipChildren();
            }
        }
        return new Format(w, h);
    }

    private static Video video(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.IMP_VIDEO)) {
            return null;
        }
        List<String> mimes = null;
        int minduration = 0;
        int maxduration = 0;
        int[] protocols = null;
        int protocol = 0;
        int[] protocolList = null;
        int w = 0;
        int h = 0;
        int[] battr = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "mimes" -> mimes = valueList(p, r, RepairField.IMP_VIDEO_MIMES);
                case "minduration" -> minduration = integer(p, r, RepairField.IMP_VIDEO_MINDURATION, 0);
                case "maxduration" -> maxduration = integer(p, r, RepairField.IMP_VIDEO_MAXDURATION, 0);
                case "protocols" -> protocols = intArray(p, r, RepairField.IMP_VIDEO_PROTOCOLS);
                case "protocol" -> {
                    if (p.currentToken() == JsonToken.START_ARRAY) {
                        // The deprecated single protocol sent as a list: read as the list it is.
                        r.coerced(RepairField.IMP_VIDEO_PROTOCOL);
                        protocolList = intArray(p, r, RepairField.IMP_VIDEO_PROTOCOL);
                    } else {
                        protocol = integer(p, r, RepairField.IMP_VIDEO_PROTOCOL, 0);
                    }
                }
                case "w" -> w = integer(p, r, RepairField.IMP_VIDEO_W, 0);
                case "h" -> h = integer(p, r, RepairField.IMP_VIDEO_H, 0);
                case "battr" -> battr = intArray(p, r, RepairField.IMP_VIDEO_BATTR);
                default -> p.skipChildren();
            }
        }
        // protocols is the field of record since 2.5; the deprecated list stands in only when it is absent.
        return new Video(mimes, minduration, maxduration, protocols != null ? protocols : protocolList, protocol, w,
                h, battr);
    }

    private static Audio audio(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.IMP_AUDIO)) {
            return null;
        }
        List<String> mimes = null;
        int minduration = 0;
        int maxduration = 0;
        int[] protocols = null;
        int[] battr = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "mimes" -> mimes = valueList(p, r, RepairField.IMP_AUDIO_MIMES);
                case "minduration" -> minduration = integer(p, r, RepairField.IMP_AUDIO_MINDURATION, 0);
                case "maxduration" -> maxduration = integer(p, r, RepairField.IMP_AUDIO_MAXDURATION, 0);
                case "protocols" -> protocols = intArray(p, r, RepairField.IMP_AUDIO_PROTOCOLS);
                case "battr" -> battr = intArray(p, r, RepairField.IMP_AUDIO_BATTR);
                default -> p.skipChildren();
            }
        }
        return new Audio(mimes, minduration, maxduration, protocols, battr);
    }

    private static Pmp pmp(JsonParser p, Repairs r) throws IOException {
        if (!startObject(p, r, RepairField.IMP_PMP)) {
            return null;
        }
        int privateAuction = 0;
        List<Deal> deals = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "private_auction" -> privateAuction = flag(p, r, RepairField.IMP_PMP_PRIVATE_AUCTION, 0);
                case "deals" -> deals = list(p, r, RepairField.IMP_PMP_DEALS, ImpDecoder::deal);
                default -> p.skipChildren();
            }
        }
        return new Pmp(privateAuction, deals);
    }

    /** A deal; null, so left out, when it is not an object, has no usable id or a field of it cannot be read. */
    private static Deal deal(JsonParser p, Repairs r, RepairField field) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            r.dropped(field);
            return null;
        }
        r.beginDeal();
        String id = null;
        boolean idDropped = false;
        double bidfloor = 0;
        String bidfloorcur = null;
        int at = 0;
        List<String> wseat = null;
        List<String> wadomain = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                // Exchanges that number their deals send the id as a number: it reads as its decimal text.
                case "id" -> {
                    id = JsonFields.id(p, r, RepairField.IMP_PMP_DEALS_ID);
                    idDropped = id == null && p.currentToken() != JsonToken.VALUE_NULL;
                }
                case "bidfloor" -> bidfloor = decimal(p, r, RepairField.IMP_PMP_DEALS_BIDFLOOR);
                case "bidfloorcur" -> bidfloorcur = value(p, r, RepairField.IMP_PMP_DEALS_BIDFLOORCUR);
                case "at" -> at = integer(p, r, RepairField.IMP_PMP_DEALS_AT, 0);
                case "wseat" -> wseat = valueList(p, r, RepairField.IMP_PMP_DEALS_WSEAT);
                case "wadomain" -> wadomain = valueList(p, r, RepairField.IMP_PMP_DEALS_WADOMAIN);
                default -> p.skipChildren();
            }
        }
        if ((id == null || id.isEmpty()) && !idDropped) {
            r.dropped(RepairField.IMP_PMP_DEALS_ID);
        }
        return r.endDeal() ? new Deal(id, bidfloor, bidfloorcur, at, wseat, wadomain) : null;
    }
}
