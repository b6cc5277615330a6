package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the assets of a Native request (1.2, sections 4.2 to 4.6): an asset whose kind the bidder fills (title,
 * img, data) and whose fields it can all read becomes a {@link NativeRequest.Asset}; any other (a video, no kind
 * or two, no usable id, a field of the wrong shape) cannot be filled. One reader per native object.
 */
final class NativeAssetReader {
    private static final int MAX_MIMES = 32;

    /** Set by a field reader when the asset being read has a value it cannot use. */
    private boolean badField;
    private String unfillable;

    /** Why the last asset read, a required one, cannot be filled; null when it can be or is optional. */
    String unfillable() {
        return unfillable;
    }

    /**
     * One asset; null when it cannot be filled, and then, when it is required, {@link #unfillable()} says why.
     */
    NativeRequest.Asset asset(JsonParser p, int position) throws IOException {
        unfillable = null;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            unfillable = "asset " + position + " is not an object";
            return null;
        }
        badField = false;
        int id = NativeValues.ABSENT;
        int required = 0;
        int kinds = 0;
        boolean video = false;
        NativeRequest.Title title = null;
        NativeRequest.Img img = null;
        NativeRequest.Data data = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "id" -> id = NativeValues.integer(p);
                case "required" -> required = NativeValues.required(p);
                case "title" -> {
                    kinds++;
                    title = title(p);
                }
                case "img" -> {
                    kinds++;
                    img = img(p);
                }
                case "data" -> {
                    kinds++;
                    data = data(p);
                }
                case "video" -> {
                    kinds++;
                    video = true;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        boolean fillable = id >= 0 && kinds == 1 && !video && !badField;
        if (fillable) {
            return new NativeRequest.Asset(id, required, title, img, data);
        }
        if (required != 0) {
            unfillable = "required asset " + (id >= 0 ? "id " + id : "at " + position) + " cannot be filled: "
                    + (video ? "video assets are not supported" : id < 0 ? "it has no usable id"
                    : kinds != 1 ? "it must have exactly one of title, img, data, video" : "a field is unreadable");
        }
        return null;
    }

    private NativeRequest.Title title(JsonParser p) throws IOException {
        if (!object(p)) {
            return null;
        }
        int len = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            if (name.equals("len")) {
                len = size(p);
            } else {
                p.skipChildren();
            }
        }
        return new NativeRequest.Title(len);
    }

    private NativeRequest.Img img(JsonParser p) throws IOException {
        if (!object(p)) {
            return null;
        }
        int type = 0;
        int w = 0;
        int h = 0;
        int wmin = 0;
        int hmin = 0;
        List<String> mimes = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "type" -> type = size(p);
                case "w" -> w = size(p);
                case "h" -> h = size(p);
                case "wmin" -> wmin = size(p);
                case "hmin" -> hmin = size(p);
                case "mimes" -> mimes = mimes(p);
                default -> p.skipChildren();
            }
        }
        return new NativeRequest.Img(type, w, h, wmin, hmin, mimes);
    }

    private NativeRequest.Data data(JsonParser p) throws IOException {
        if (!object(p)) {
            return null;
        }
        int type = NativeValues.ABSENT;
        int len = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "type" -> type = NativeValues.integer(p);
                case "len" -> len = size(p);
                default -> p.skipChildren();
            }
        }
        if (type <= 0) {
            // A data asset says which data it wants; without a type there is nothing to match.
            badField = true;
        }
        return new NativeRequest.Data(type, len);
    }

    /** The asset kind's object; anything else is an unreadable field. */
    private boolean object(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        p.skipChildren();
        badField = true;
        return false;
    }

    /** A list of mime types; one string alone is read as a list of it. */
    private List<String> mimes(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            if (StringCaps.longer(p, RepairField.MAX_CHARS)) {
                badField = true;
                return null;
            }
            return List.of(ValueCache.current().value(p));
        }
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            badField = true;
            return null;
        }
        String[] values = new String[4];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING || n == MAX_MIMES
                    || StringCaps.longer(p, RepairField.MAX_CHARS)) {
                p.skipChildren();
                badField = true;
                continue;
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = ValueCache.current().value(p);
        }
        return n == 1 ? List.of(values[0]) : Arrays.asList(Arrays.copyOf(values, n));
    }

    /** A size, length or type: 0 when absent; an unreadable value marks the asset. */
    private int size(JsonParser p) throws IOException {
        int value = NativeValues.integer(p);
        if (value == NativeValues.BAD) {
            badField = true;
            return 0;
        }
        return value == NativeValues.ABSENT ? 0 : value;
    }
}
