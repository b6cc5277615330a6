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
 * <p>Inside the native request a value the bidder can coerce without guessing is coerced ({@link NativeValues});
 * any other value of a field the bidder reads makes its asset one that cannot be filled. An asset that cannot be
 * filled ({@link NativeAssetReader}: a video, an unknown kind, an unreadable field) costs the impression when it is
 * required and is dropped when it is optional. The work is bounded: the string is parsed once, at most
 * {@link #MAX_REQUEST_CHARS} long, with at most {@link #MAX_ASSETS} assets, and nothing inside it is parsed again.
 */
final class NativeRequestDecoder {
    /** Most characters of a native request; real ones are well under 2,000. */
    static final int MAX_REQUEST_CHARS = 16 * 1024;
    /** Most assets in one native request; real ones have under 10. */
    static final int MAX_ASSETS = 64;
    private static final int MAX_EVENT_TRACKERS = 16;

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

    private NativeRequestDecoder(JsonParser outer) {
        this.outer = outer;
    }

    /** Reads {@code imp.native}, the parser on its first token; a problem inside {@code request} never throws. */
    static Native nativeObject(JsonParser p, Repairs r) throws IOException {
        if (!JsonFields.startObject(p, r, RepairField.IMP_NATIVE)) {
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
                case "ver" -> ver = NativeValues.version(p);
                case "battr" -> battr = JsonNumbers.intArray(p, r, RepairField.IMP_NATIVE_BATTR);
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
        if (StringCaps.longer(p, MAX_REQUEST_CHARS)) {
            problem("is longer than " + MAX_REQUEST_CHARS + " characters");
            return;
        }
        int length = p.getTextLength();
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
                case "ver" -> ver = NativeValues.version(p);
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
        NativeAssetReader reader = new NativeAssetReader();
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
            NativeRequest.Asset asset = reader.asset(p, position++);
            if (asset == null) {
                if (reader.unfillable() != null) {
                    problem(reader.unfillable());
                }
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
        int event = NativeValues.ABSENT;
        int[] methods = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "event" -> event = NativeValues.integer(p);
                case "methods" -> methods = NativeValues.positiveIntegers(p);
                default -> p.skipChildren();
            }
        }
        return event > 0 && methods != null ? new NativeRequest.EventTracker(event, methods) : null;
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
