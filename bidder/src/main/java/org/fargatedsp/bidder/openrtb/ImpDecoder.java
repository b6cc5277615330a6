package org.fargatedsp.bidder.openrtb;

import static org.fargatedsp.bidder.openrtb.JsonFields.intArray;
import static org.fargatedsp.bidder.openrtb.JsonFields.intValue;
import static org.fargatedsp.bidder.openrtb.JsonFields.list;
import static org.fargatedsp.bidder.openrtb.JsonFields.missing;
import static org.fargatedsp.bidder.openrtb.JsonFields.nonNegativeDecimal;
import static org.fargatedsp.bidder.openrtb.JsonFields.startObject;
import static org.fargatedsp.bidder.openrtb.JsonFields.text;
import static org.fargatedsp.bidder.openrtb.JsonFields.textList;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;

/** Streams an {@link Imp} and the objects inside it (spec 3.2.4 to 3.2.12). */
final class ImpDecoder {
    private ImpDecoder() {}

    static Imp imp(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String id = null;
        Banner banner = null;
        Video video = null;
        Audio audio = null;
        Native nativeObject = null;
        Pmp pmp = null;
        double bidfloor = 0;
        String bidfloorcur = null;
        int instl = 0;
        String tagid = null;
        int secure = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "id" -> id = text(p);
                case "banner" -> banner = banner(p);
                case "video" -> video = video(p);
                case "audio" -> audio = audio(p);
                case "native" -> nativeObject = nativeObject(p);
                case "pmp" -> pmp = pmp(p);
                case "bidfloor" -> bidfloor = nonNegativeDecimal(p);
                case "bidfloorcur" -> bidfloorcur = text(p);
                case "instl" -> instl = intValue(p, 0);
                case "tagid" -> tagid = text(p);
                case "secure" -> secure = intValue(p, 0);
                default -> p.skipChildren();
            }
        }
        if (id == null || id.isEmpty()) {
            throw missing(JsonFields.where(p) + "/id");
        }
        return new Imp(id, banner, video, audio, nativeObject, pmp, bidfloor, bidfloorcur, instl, tagid, secure);
    }

    private static Banner banner(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        int w = 0;
        int h = 0;
        List<Format> format = null;
        int[] battr = null;
        int[] btype = null;
        List<String> mimes = null;
        int pos = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "w" -> w = intValue(p, 0);
                case "h" -> h = intValue(p, 0);
                case "format" -> format = list(p, ImpDecoder::format, "an object");
                case "battr" -> battr = intArray(p);
                case "btype" -> btype = intArray(p);
                case "mimes" -> mimes = textList(p);
                case "pos" -> pos = intValue(p, 0);
                default -> p.skipChildren();
            }
        }
        return new Banner(w, h, format, battr, btype, mimes, pos);
    }

    private static Format format(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        int w = 0;
        int h = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "w" -> w = intValue(p, 0);
                case "h" -> h = intValue(p, 0);
                default -> p.skipChildren();
            }
        }
        return new Format(w, h);
    }

    private static Video video(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        List<String> mimes = null;
        int minduration = 0;
        int maxduration = 0;
        int[] protocols = null;
        int protocol = 0;
        int w = 0;
        int h = 0;
        int[] battr = null;
        int linearity = 0;
        int placement = 0;
        int plcmt = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "mimes" -> mimes = textList(p);
                case "minduration" -> minduration = intValue(p, 0);
                case "maxduration" -> maxduration = intValue(p, 0);
                case "protocols" -> protocols = intArray(p);
                case "protocol" -> protocol = intValue(p, 0);
                case "w" -> w = intValue(p, 0);
                case "h" -> h = intValue(p, 0);
                case "battr" -> battr = intArray(p);
                case "linearity" -> linearity = intValue(p, 0);
                case "placement" -> placement = intValue(p, 0);
                case "plcmt" -> plcmt = intValue(p, 0);
                default -> p.skipChildren();
            }
        }
        return new Video(mimes, minduration, maxduration, protocols, protocol, w, h, battr, linearity, placement,
                plcmt);
    }

    private static Audio audio(JsonParser p) throws IOException {
        if (!startObject(p)) {
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
                case "mimes" -> mimes = textList(p);
                case "minduration" -> minduration = intValue(p, 0);
                case "maxduration" -> maxduration = intValue(p, 0);
                case "protocols" -> protocols = intArray(p);
                case "battr" -> battr = intArray(p);
                default -> p.skipChildren();
            }
        }
        return new Audio(mimes, minduration, maxduration, protocols, battr);
    }

    private static Native nativeObject(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String request = null;
        String ver = null;
        int[] battr = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                // 2.x carries the native request as a JSON string; an object (1.0 draft era) is skipped, not kept.
                case "request" -> request = p.currentToken().isStructStart() ? skip(p) : text(p);
                case "ver" -> ver = text(p);
                case "battr" -> battr = intArray(p);
                default -> p.skipChildren();
            }
        }
        return new Native(request, ver, battr);
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static Pmp pmp(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        int privateAuction = 0;
        List<Deal> deals = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "private_auction" -> privateAuction = intValue(p, 0);
                case "deals" -> deals = list(p, ImpDecoder::deal, "an object");
                default -> p.skipChildren();
            }
        }
        return new Pmp(privateAuction, deals);
    }

    private static Deal deal(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String id = null;
        double bidfloor = 0;
        String bidfloorcur = null;
        int at = 0;
        List<String> wseat = null;
        List<String> wadomain = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "id" -> id = text(p);
                case "bidfloor" -> bidfloor = nonNegativeDecimal(p);
                case "bidfloorcur" -> bidfloorcur = text(p);
                case "at" -> at = intValue(p, 0);
                case "wseat" -> wseat = textList(p);
                case "wadomain" -> wadomain = textList(p);
                default -> p.skipChildren();
            }
        }
        if (id == null || id.isEmpty()) {
            throw missing(JsonFields.where(p) + "/id");
        }
        return new Deal(id, bidfloor, bidfloorcur, at, wseat, wadomain);
    }
}
