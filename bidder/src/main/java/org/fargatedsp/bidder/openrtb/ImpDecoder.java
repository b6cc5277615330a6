package org.fargatedsp.bidder.openrtb;

import static org.fargatedsp.bidder.openrtb.JsonFields.intArray;
import static org.fargatedsp.bidder.openrtb.JsonFields.intValue;
import static org.fargatedsp.bidder.openrtb.JsonFields.list;
import static org.fargatedsp.bidder.openrtb.JsonFields.missing;
import static org.fargatedsp.bidder.openrtb.JsonFields.nonNegativeDecimal;
import static org.fargatedsp.bidder.openrtb.JsonFields.startObject;
import static org.fargatedsp.bidder.openrtb.JsonFields.value;
import static org.fargatedsp.bidder.openrtb.JsonFields.valueList;

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
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "id" -> id = value(p);
                case "banner" -> banner = banner(p);
                case "video" -> video = video(p);
                case "audio" -> audio = audio(p);
                case "native" -> nativeObject = NativeRequestDecoder.nativeObject(p);
                case "pmp" -> pmp = pmp(p);
                case "bidfloor" -> bidfloor = nonNegativeDecimal(p);
                case "bidfloorcur" -> bidfloorcur = value(p);
                case "instl" -> instl = intValue(p, 0);
                default -> p.skipChildren();
            }
        }
        if (id == null || id.isEmpty()) {
            throw missing(JsonFields.where(p) + "/id");
        }
        return new Imp(id, banner, video, audio, nativeObject, pmp, bidfloor, bidfloorcur, instl);
    }

    private static Banner banner(JsonParser p) throws IOException {
        if (!startObject(p)) {
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
                case "w" -> w = intValue(p, 0);
                case "h" -> h = intValue(p, 0);
                case "format" -> format = list(p, ImpDecoder::format, "an object");
                case "battr" -> battr = intArray(p);
                default -> p.skipChildren();
            }
        }
        return new Banner(w, h, format, battr);
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
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "mimes" -> mimes = valueList(p);
                case "minduration" -> minduration = intValue(p, 0);
                case "maxduration" -> maxduration = intValue(p, 0);
                case "protocols" -> protocols = intArray(p);
                case "protocol" -> protocol = intValue(p, 0);
                case "w" -> w = intValue(p, 0);
                case "h" -> h = intValue(p, 0);
                case "battr" -> battr = intArray(p);
                default -> p.skipChildren();
            }
        }
        return new Video(mimes, minduration, maxduration, protocols, protocol, w, h, battr);
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
                case "mimes" -> mimes = valueList(p);
                case "minduration" -> minduration = intValue(p, 0);
                case "maxduration" -> maxduration = intValue(p, 0);
                case "protocols" -> protocols = intArray(p);
                case "battr" -> battr = intArray(p);
                default -> p.skipChildren();
            }
        }
        return new Audio(mimes, minduration, maxduration, protocols, battr);
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
                case "id" -> id = value(p);
                case "bidfloor" -> bidfloor = nonNegativeDecimal(p);
                case "bidfloorcur" -> bidfloorcur = value(p);
                case "at" -> at = intValue(p, 0);
                case "wseat" -> wseat = valueList(p);
                case "wadomain" -> wadomain = valueList(p);
                default -> p.skipChildren();
            }
        }
        if (id == null || id.isEmpty()) {
            throw missing(JsonFields.where(p) + "/id");
        }
        return new Deal(id, bidfloor, bidfloorcur, at, wseat, wadomain);
    }
}
