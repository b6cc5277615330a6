package org.fargatedsp.bidder.openrtb;

import static org.fargatedsp.bidder.openrtb.JsonFields.badRequest;
import static org.fargatedsp.bidder.openrtb.JsonFields.missing;
import static org.fargatedsp.bidder.openrtb.JsonFields.valueList;
import static org.fargatedsp.bidder.openrtb.JsonNumbers.flag;
import static org.fargatedsp.bidder.openrtb.JsonNumbers.integer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.List;

/**
 * Decodes an OpenRTB 2.5 or 2.6 BidRequest with Jackson's streaming parser, reading only the fields the bidder
 * uses and skipping the rest, whatever their shape. It measured faster and lighter than databind with or without
 * Afterburner (BENCHMARKS.md, "Decoding a bid request"). Thread-safe.
 *
 * <p>Liberal in what it reads: a value the bidder reads that departs from the spec is coerced when that needs no
 * guess and dropped otherwise ({@link JsonFields}), and each such repair is recorded in a {@link Repairs}. A
 * dropped value costs at most its impression ({@link Imp#unbiddable()}), or every impression when the auction
 * reads it for all of them ({@link BidRequest#unbiddable()}); impressions without a usable id, and those repeating
 * an earlier impression's id, are skipped. Strict in what it refuses: a {@link BadRequestException} only for a
 * request that cannot be answered at all: not UTF-8 JSON (or past the parser's bounds), no {@code id}, or no
 * impression with a usable id; an id (the request's, an impression's, a deal's) longer than
 * {@link RepairField#MAX_CHARS}; and for more impressions than accepted. Never another exception.
 *
 * <p>Its work grows with what it reads, not with what a sender pads a request with: every string it reads is
 * measured against its field's cap before it is decoded ({@link StringCaps}), the others are skipped without being
 * decoded, and arrays, tokens, names, numbers and nesting all have bounds.
 */
public final class BidRequestDecoder {
    /** Nesting deeper than this is refused; real requests, ext included, stay under 20. */
    public static final int MAX_NESTING_DEPTH = 64;
    /**
     * More JSON tokens than this (every value, field name, and start and end of an object or array, skipped ones
     * included) are refused: the IAB examples have 59 to 204, about one for every 12 bytes, so a real request of
     * 64 KiB has some 5,500. It bounds the parser's work on a body packed with small values.
     */
    public static final int MAX_TOKENS = 20_000;
    /** Longer field names are refused: the spec's are under 20 characters, and the parser keeps the names it sees. */
    public static final int MAX_NAME_CHARS = 256;
    private static final int MAX_NUMBER_LENGTH = 64;

    private final JsonFactory factory;
    private final int maxImps;

    public BidRequestDecoder(int maxImps, int maxBodyBytes) {
        // Impressions are gathered in scratch space of the array bound's size.
        this.maxImps = Math.min(maxImps, JsonFields.MAX_ARRAY_ELEMENTS);
        this.factory = JsonFactory.builder()
                // Floors parse straight from the parser's buffer, without the String and the JDK parser's scratch
                // objects (104 bytes per bidfloor); the result is the same correctly rounded double.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxTokenCount(MAX_TOKENS)
                        .maxNameLength(MAX_NAME_CHARS)
                        // No string is decoded past its field's cap (StringCaps): this only backs that up.
                        .maxStringLength(Math.min(Math.max(maxBodyBytes, 1024), RepairField.MAX_OPAQUE_CHARS))
                        .build())
                .build();
    }

    /**
     * Decodes {@code length} bytes of UTF-8 JSON from {@code offset}, recording what it repairs in a new
     * {@link Repairs}: for tests and tools; the bid path passes its own, reused.
     */
    public BidRequest decode(byte[] json, int offset, int length) {
        return decode(json, offset, length, new Repairs());
    }

    /**
     * Decodes {@code length} bytes of UTF-8 JSON from {@code offset}, clearing {@code repairs} first and then
     * recording in it every value coerced or dropped and every impression skipped, also when the request is then
     * refused. A {@link BadRequestException} carries the request's id when the problem comes after the id was read.
     */
    public BidRequest decode(byte[] json, int offset, int length, Repairs repairs) {
        repairs.clear();
        Utf8.check(json, offset, length);
        try (JsonParser p = factory.createParser(json, offset, length)) {
            StringCaps.reading(p, json, offset, length);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException(BadRequestException.Kind.MALFORMED_JSON,
                        "the body must be a JSON object");
            }
            return request(p, repairs);
        } catch (IOException e) {
            // Before the object's first field: there is no request id yet.
            throw badRequest(e);
        } finally {
            StringCaps.done();
        }
    }

    /** The request object, then the end of the input; any problem is a BadRequestException with the id read. */
    private BidRequest request(JsonParser p, Repairs r) {
        String id = null;
        boolean idUnreadable = false;
        List<Imp> imp = null;
        Site site = null;
        App app = null;
        Dooh dooh = null;
        Device device = null;
        User user = null;
        Regs regs = null;
        int test = 0;
        int at = 0;
        int tmax = 0;
        List<String> cur = null;
        List<String> bcat = null;
        List<String> badv = null;
        List<String> bapp = null;
        List<String> wseat = null;
        List<String> bseat = null;
        try {
            String name;
            while ((name = p.nextFieldName()) != null) {
                p.nextToken();
                switch (name) {
                    case "id" -> {
                        // Not JsonFields.text: an id that cannot be read is a refusal, not a repair. One too long
                        // to echo is refused before it is decoded, and never logged.
                        JsonToken t = p.currentToken();
                        if (StringCaps.longer(p, RepairField.MAX_CHARS)) {
                            throw JsonFields.tooLongId(p);
                        }
                        id = t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT ? p.getText() : null;
                        idUnreadable = id == null && t != JsonToken.VALUE_NULL;
                        if (t == JsonToken.VALUE_NUMBER_INT) {
                            r.coerced(RepairField.ID);
                        }
                        p.skipChildren();
                    }
                    case "imp" -> imp = imps(p, r);
                    case "site" -> site = ContextDecoder.site(p, r);
                    case "app" -> app = ContextDecoder.app(p, r);
                    case "dooh" -> dooh = ContextDecoder.dooh(p, r);
                    case "device" -> device = ContextDecoder.device(p, r);
                    case "user" -> user = ContextDecoder.user(p, r);
                    case "regs" -> regs = ContextDecoder.regs(p, r);
                    // source (tid, schain in 2.6, ext.schain in 2.5) is accepted in either shape and skipped.
                    case "test" -> test = flag(p, r, RepairField.TEST, 0);
                    case "at" -> at = integer(p, r, RepairField.AT, 0);
                    case "tmax" -> tmax = integer(p, r, RepairField.TMAX, 0);
                    case "cur" -> cur = valueList(p, r, RepairField.CUR);
                    case "bcat" -> bcat = valueList(p, r, RepairField.BCAT);
                    case "badv" -> badv = valueList(p, r, RepairField.BADV);
                    case "bapp" -> bapp = valueList(p, r, RepairField.BAPP);
                    case "wseat" -> wseat = valueList(p, r, RepairField.WSEAT);
                    case "bseat" -> bseat = valueList(p, r, RepairField.BSEAT);
                    default -> p.skipChildren();
                }
            }
            if (id == null || id.isEmpty()) {
                throw idUnreadable ? new BadRequestException(BadRequestException.Kind.WRONG_TYPE,
                        "/id: expected a string") : missing("/id");
            }
            if (imp == null || imp.isEmpty()) {
                throw r.skippedImps() > 0 ? missing("/imp: an impression with a usable id")
                        : missing("/imp (at least one impression)");
            }
            if (p.nextToken() != null) {
                throw new BadRequestException(BadRequestException.Kind.MALFORMED_JSON,
                        "unexpected content after the JSON object");
            }
        } catch (BadRequestException e) {
            throw e.withRequestId(id);
        } catch (IOException e) {
            throw badRequest(e).withRequestId(id);
        }
        return new BidRequest(id, imp, site, app, dooh, device, user, regs, test, at, tmax, cur, bcat, badv, bapp,
                wseat, bseat, r.requestUnbiddable());
    }

    /**
     * {@code imp}: the impressions with a usable id, the first of each id; an object alone is one impression.
     * Counts the elements as sent against {@code maxImps}, so skipping cannot make the work unbounded.
     */
    private List<Imp> imps(JsonParser p, Repairs r) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            r.coerced(RepairField.IMP);
            Imp only = imp(p, r, 0);
            return only == null ? null : List.of(only);
        }
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            if (t != JsonToken.VALUE_NULL) {
                r.dropped(RepairField.IMP);
            }
            return null;
        }
        // The first impression kept is read before any scratch space is taken: most requests have only one.
        Imp first = null;
        int position = 0;
        for (; first == null; position++) {
            if (p.nextToken() == JsonToken.END_ARRAY) {
                return List.of();
            }
            first = imp(p, r, position);
        }
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return List.of(first);
        }
        JsonFields.ListScratch scratch = JsonFields.ListScratch.current();
        Object[] kept = scratch.push();
        kept[0] = first;
        int n = 1;
        try {
            do {
                Imp imp = imp(p, r, position);
                if (imp != null && seen(kept, n, imp.id())) {
                    r.duplicateImp(position);
                } else if (imp != null) {
                    kept[n++] = imp;
                }
                position++;
            } while (p.nextToken() != JsonToken.END_ARRAY);
            return JsonFields.gathered(kept, n);
        } finally {
            scratch.pop(n);
        }
    }

    /** The impression at {@code position}, or null when it is skipped; more than {@code maxImps} are refused. */
    private Imp imp(JsonParser p, Repairs r, int position) throws IOException {
        if (position == maxImps) {
            throw new BadRequestException(BadRequestException.Kind.TOO_COMPLEX,
                    "/imp has more than the " + maxImps + " impressions accepted");
        }
        Imp imp = ImpDecoder.imp(p, r, position);
        if (imp == null) {
            r.skippedImp(position);
        }
        return imp;
    }

    /** Whether one of the first {@code n} impressions has {@code id}; ids of a request are few and short. */
    private static boolean seen(Object[] imps, int n, String id) {
        for (int i = 0; i < n; i++) {
            if (((Imp) imps[i]).id().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
