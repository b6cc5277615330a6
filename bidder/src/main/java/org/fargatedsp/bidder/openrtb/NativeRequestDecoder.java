package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Streams {@code imp.native} (spec 3.2.9) and the Native Ad Specification request inside it (1.0 to 1.2): a JSON
 * string, parsed here once, or an object, read in place. Nothing in the native request ever fails the bid request:
 * a request that cannot be used becomes a {@link Native} with a {@code problem}, which costs that impression its
 * native bid and nothing else.
 *
 * <p>Inside the native request a value the bidder can coerce without guessing is coerced (a number as a string, an
 * integer as {@code 300.0}, {@code true} for {@code required}); any other value of a field the bidder reads makes
 * its asset one that cannot be filled. An asset that cannot be filled (a video, an unknown kind, an unreadable
 * field) costs the impression when it is required and is dropped when it is optional. The work is bounded: the
 * string is parsed once, at most {@link #MAX_REQUEST_CHARS} long, with at most {@link #MAX_ASSETS} assets, and
 * nothing inside it is parsed again.
 */
final class NativeRequestDecoder {
    /** Most characters of a native request; real ones are well under 2,000. */
    static final int MAX_REQUEST_CHARS = 16 * 1024;
    /** Most assets in one native request; real ones have under 10. */
    static final int MAX_ASSETS = 64;
    private static final int MAX_MIMES = 32;
    private static final int MAX_EVENT_TRACKERS = 16;
    private static final int MAX_VER_LENGTH = 8;
    private static final int ABSENT = -1;
    private static final int BAD = -2;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(64)
                    .maxStringLength(MAX_REQUEST_CHARS)
                    .build())
            .build();

    private final JsonParser outer;
    private String problem;
    private String ver;
    private boolean wrapped;
    private boolean assetsRead;
    private List<NativeRequest.Asset> assets;
    private List<NativeRequest.EventTracker> eventtrackers;
    /** Set by a field reader when the asset being read has a value it cannot use. */
    private boolean badField;

    private NativeRequestDecoder(JsonParser outer) {
        this.outer = outer;
    }

    /** Reads {@code imp.native}, the parser on its first token; a problem inside {@code request} never throws. */
    static Native nativeObject(JsonParser p) throws IOException {
        if (!JsonFields.startObject(p)) {
            return null;
        }
        NativeRequestDecoder d = new NativeRequestDecoder(p);
        boolean requestSeen = false;
        String ver = null;
        int[] battr = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "request" -> {
                    // Read once: a repeated key is skipped, so no impression costs two parses.
                    if (requestSeen) {
                        p.skipChildren();
                    } else {
                        requestSeen = true;
                        d.request(p);
                    }
                }
                case "ver" -> ver = version(p);
                case "battr" -> battr = JsonFields.intArray(p);
                default -> p.skipChildren();
            }
        }
        if (!requestSeen) {
            d.problem = JsonFields.where(p) + "/request is required";
        }
        return d.result(ver, battr);
    }

    private Native result(String nativeVer, int[] battr) {
        if (problem != null) {
            return new Native(null, nativeVer, battr, problem);
        }
        NativeRequest request = new NativeRequest(ver != null ? ver : nativeVer, wrapped, assets,
                eventtrackers == null ? List.of() : eventtrackers);
        return new Native(request, nativeVer, battr, null);
    }

    /** {@code request}: a string holding the JSON (the spec's form), or the object itself. */
    private void request(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            root(p, true);
        } else if (t == JsonToken.VALUE_STRING) {
            text(p);
        } else {
            p.skipChildren();
            problem(t == JsonToken.VALUE_NULL ? "is required" : "is neither a JSON string nor an object");
        }
        if (assets == null || assets.isEmpty()) {
            problem("has no asset the bidder can fill");
        }
    }

    private void text(JsonParser p) throws IOException {
        int length = p.getTextLength();
        if (length > MAX_REQUEST_CHARS) {
            problem("is longer than " + MAX_REQUEST_CHARS + " characters");
            return;
        }
        // The string's characters are parsed where the outer parser holds them: no String is made of them.
        try (JsonParser inner = FACTORY.createParser(p.getTextCharacters(), p.getTextOffset(), length)) {
            if (inner.nextToken() != JsonToken.START_OBJECT) {
                problem("does not hold a JSON object");
                return;
            }
            root(inner, true);
            if (problem == null && inner.nextToken() != null) {
                problem("holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            problem("does not hold valid JSON: " + shorten(e.getOriginalMessage()));
        }
    }

    /** The request object; in Native 1.0 it sits inside {@code {"native":{...}}}, read as one more level only. */
    private void root(JsonParser p, boolean mayBeWrapped) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "native" -> {
                    if (mayBeWrapped && p.currentToken() == JsonToken.START_OBJECT) {
                        wrapped = true;
                        root(p, false);
                    } else {
                        p.skipChildren();
                    }
                }
                case "ver" -> ver = version(p);
                case "assets" -> {
                    if (assetsRead) {
                        p.skipChildren();
                    } else {
                        assetsRead = true;
                        assets(p);
                    }
                }
                case "eventtrackers" -> eventtrackers(p);
                default -> p.skipChildren();
            }
        }
    }

    private void assets(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            problem("has no assets array");
            return;
        }
        NativeRequest.Asset[] found = new NativeRequest.Asset[8];
        int n = 0;
        int position = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (problem != null || position == MAX_ASSETS) {
                if (problem == null) {
                    problem("has more than " + MAX_ASSETS + " assets");
                }
                p.skipChildren();
                continue;
            }
            NativeRequest.Asset asset = asset(p, position++);
            if (asset == null) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (found[i].id() == asset.id()) {
                    problem("uses asset id " + asset.id() + " twice");
                }
            }
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = asset;
        }
        if (problem == null) {
            assets = n == 1 ? List.of(found[0]) : Arrays.asList(Arrays.copyOf(found, n));
        }
    }

    /** One asset; null when it cannot be filled and is optional (a required one sets the problem). */
    private NativeRequest.Asset asset(JsonParser p, int position) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            problem("asset " + position + " is not an object");
            return null;
        }
        badField = false;
        int id = ABSENT;
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
                case "id" -> id = integer(p);
                case "required" -> required = required(p);
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
            problem("required asset " + (id >= 0 ? "id " + id : "at " + position) + " cannot be filled: "
                    + (video ? "video assets are not supported" : id < 0 ? "it has no usable id"
                    : kinds != 1 ? "it must have exactly one of title, img, data, video" : "a field is unreadable"));
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
        int type = ABSENT;
        int len = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "type" -> type = integer(p);
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
            if (p.currentToken() != JsonToken.VALUE_STRING || n == MAX_MIMES) {
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

    private void eventtrackers(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY || eventtrackers != null) {
            // Not eligibility: without a usable list the response just carries no event trackers.
            p.skipChildren();
            return;
        }
        NativeRequest.EventTracker[] found = new NativeRequest.EventTracker[2];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            NativeRequest.EventTracker tracker = eventTracker(p);
            if (tracker == null || n == MAX_EVENT_TRACKERS) {
                continue;
            }
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = tracker;
        }
        eventtrackers = n == 1 ? List.of(found[0]) : Arrays.asList(Arrays.copyOf(found, n));
    }

    private NativeRequest.EventTracker eventTracker(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        int event = ABSENT;
        int[] methods = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "event" -> event = integer(p);
                case "methods" -> methods = methods(p);
                default -> p.skipChildren();
            }
        }
        return event > 0 && methods != null ? new NativeRequest.EventTracker(event, methods) : null;
    }

    private static int[] methods(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        int[] values = new int[2];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int method = integer(p);
            if (method > 0 && n < MAX_EVENT_TRACKERS) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = method;
            }
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** A size, length or type: 0 when absent; an unreadable value marks the asset. */
    private int size(JsonParser p) throws IOException {
        int value = integer(p);
        if (value == BAD) {
            badField = true;
            return 0;
        }
        return value == ABSENT ? 0 : value;
    }

    /** {@code required}: 0 or 1, {@code false} or {@code true}; anything else but null counts as required. */
    private static int required(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return 1;
        }
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return 0;
        }
        return integer(p) == 0 ? 0 : 1;
    }

    /**
     * A non-negative integer, also from {@code 300.0} or the string {@code "300"}; {@link #ABSENT} for null,
     * {@link #BAD} for anything else (skipped).
     */
    private static int integer(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0 ? p.getIntValue() : BAD;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE ? (int) d : BAD;
        }
        if (t == JsonToken.VALUE_STRING) {
            return digits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        if (t == JsonToken.VALUE_NULL) {
            return ABSENT;
        }
        p.skipChildren();
        return BAD;
    }

    private static int digits(char[] chars, int offset, int length) {
        if (length == 0 || length > 9) {
            return BAD;
        }
        int value = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                return BAD;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A version such as {@code "1.2"} (or the number 1.2), else null: at most 8 digits and dots are echoed. */
    private static String version(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            p.skipChildren();
            return null;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        if (length == 0 || length > MAX_VER_LENGTH || chars[offset] < '0' || chars[offset] > '9') {
            return null;
        }
        for (int i = offset; i < offset + length; i++) {
            if (chars[i] != '.' && (chars[i] < '0' || chars[i] > '9')) {
                return null;
            }
        }
        return ValueCache.current().value(p);
    }

    /** The first problem, placed by the JSON Pointer of the native request in the bid request. */
    private void problem(String what) {
        if (problem == null) {
            problem = JsonFields.where(outer) + " " + what;
        }
    }

    private static String shorten(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= 120 ? line : line.substring(0, 120);
    }
}
