package org.fargatedsp.bidlog;

/**
 * Checks a bid-log line in its UTF-8 bytes and gives its {@code ts}, building no object: about a fifth of the CPU of
 * {@link BidLogReader#parseLine}, which decodes the line whole. It accepts exactly the lines that are valid UTF-8
 * and that {@code parseLine} accepts: a JSON object under Jackson's default reading (no comments, trailing commas,
 * leading zeros or non-finite numbers; at most 1,000 levels of nesting and 1,000 digits a number), with every
 * field {@code parseLine} knows of the type it reads, the last of a field given twice counting, and the fields its
 * records require, by type and outcome, present ({@link ScannedFields}). The one kind of line it rejects although
 * {@code parseLine} reads it is a {@code price} of zero with an exponent of more than nine digits (such as
 * {@code 0e1234567890}). {@code RecordScannerTest} holds the two to that on the golden file, the encoder's lines
 * and a quarter of a million mutations of them, and {@code RecordScannerFuzzTest} on whatever Jazzer makes.
 *
 * <p>Not thread-safe: one instance per reading thread.
 */
public final class RecordScanner {
    // Jackson's StreamReadConstraints defaults, which parseLine reads under.
    static final int MAX_DEPTH = 1000;
    static final int MAX_NUMBER_LENGTH = 1000;
    static final int MAX_NAME_LENGTH = 50_000;

    private final ScannedFields fields = new ScannedFields();
    private final boolean[] inObject = new boolean[MAX_DEPTH + 2];
    private final JsonBytes json = new JsonBytes();

    /**
     * The {@code ts} of the record in {@code line[offset, offset + length)}, without its line break.
     *
     * @throws BidLogFormatException when the line is not a valid record of the schema; the message says why
     */
    public long ts(byte[] line, int offset, int length) {
        if (length == 0) {
            throw new BidLogFormatException("empty line", null);
        }
        JsonBytes j = json;
        j.reset(line, offset, offset + length);
        ScannedFields f = fields;
        f.reset();
        int p = j.ws(offset);
        if (j.at(p) != '{') {
            throw j.fail("not a JSON object");
        }
        p = object(p, f);
        p = j.ws(p);
        if (p != j.end) {
            throw j.fail("unexpected content after the JSON object");
        }
        f.validate();
        return f.value(ScannedFields.TS);
    }

    /** The top-level object from its '{' at {@code p}; returns the position after its '}'. */
    private int object(int p, ScannedFields f) {
        JsonBytes j = json;
        p = j.ws(p + 1);
        if (j.at(p) == '}') {
            return p + 1;
        }
        while (true) {
            p = j.string(p, "field name");
            int name = j.indexIn(ScannedFields.TOP);
            p = j.colon(p);
            p = field(p, name, f);
            p = j.ws(p);
            int c = j.at(p);
            if (c == ',') {
                p = j.ws(p + 1);
            } else if (c == '}') {
                return p + 1;
            } else {
                throw j.fail("expected ',' or '}' after a field");
            }
        }
    }

    private int field(int p, int name, ScannedFields f) {
        JsonBytes j = json;
        switch (name) {
            case ScannedFields.SCHEMA_VERSION, ScannedFields.TS, ScannedFields.PROCESSING_US,
                    ScannedFields.LOSS_REASON -> {
                p = integer(p, ScannedFields.nameOf(name));
                f.set(name, j.present, j.longValue);
            }
            case ScannedFields.TYPE -> {
                p = text(p, "type");
                f.type = j.present ? j.indexIn(ScannedFields.TYPES) : ScannedFields.ABSENT;
            }
            case ScannedFields.OUTCOME -> {
                p = text(p, "outcome");
                f.outcome = j.present ? j.indexIn(ScannedFields.OUTCOMES) : ScannedFields.ABSENT;
            }
            case ScannedFields.TEST -> {
                int c = j.at(p);
                if (c != 't' && c != 'f' && c != 'n') {
                    throw j.fail("test must be true or false");
                }
                p = j.literal(p);
                f.set(name, c != 'n', 0);
            }
            case ScannedFields.PRICE -> p = price(p, "price");
            case ScannedFields.IMP_IDS -> {
                p = impIds(p);
                f.set(name, true, 0);
            }
            case ScannedFields.BIDS -> p = bids(p, f);
            case ScannedFields.UNKNOWN -> p = skip(p, 1);
            default -> {
                // Every other known field is a string or null.
                p = text(p, ScannedFields.nameOf(name));
                f.set(name, j.present, 0);
            }
        }
        return p;
    }

    private int text(int p, String name) {
        JsonBytes j = json;
        int c = j.at(p);
        if (c == 'n') {
            return nullAt(p);
        }
        if (c != '"') {
            throw j.fail(name + " must be a string");
        }
        p = j.string(p, name);
        j.present = true;
        return p;
    }

    private int integer(int p, String name) {
        JsonBytes j = json;
        int c = j.at(p);
        if (c == 'n') {
            return nullAt(p);
        }
        p = numberAt(p, name + " must be an integer");
        if (j.fracLen >= 0 || j.expLen >= 0) {
            throw j.fail(name + " must be an integer");
        }
        j.longValue = j.integerValue(name);
        j.present = true;
        return p;
    }

    private int price(int p, String name) {
        JsonBytes j = json;
        if (j.at(p) == 'n') {
            return nullAt(p);
        }
        p = numberAt(p, name + " must be a number");
        j.checkMicros(name);
        j.present = true;
        return p;
    }

    // A literal starting with 'n' can only be null: anything else fails in literal().
    private int nullAt(int p) {
        json.present = false;
        return json.literal(p);
    }

    private int numberAt(int p, String reason) {
        int c = json.at(p);
        if (c != '-' && (c < '0' || c > '9')) {
            throw json.fail(reason);
        }
        return json.number(p);
    }

    private int impIds(int p) {
        JsonBytes j = json;
        if (j.at(p) != '[') {
            throw j.fail("imp_ids must be an array of strings");
        }
        p = j.ws(p + 1);
        if (j.at(p) == ']') {
            return p + 1;
        }
        while (true) {
            if (j.at(p) != '"') {
                throw j.fail("imp_ids must be an array of strings");
            }
            p = j.ws(j.string(p, "imp_ids"));
            int c = j.at(p);
            if (c == ']') {
                return p + 1;
            }
            if (c != ',') {
                throw j.fail("expected ',' or ']' in imp_ids");
            }
            p = j.ws(p + 1);
        }
    }

    private int bids(int p, ScannedFields f) {
        JsonBytes j = json;
        if (j.at(p) != '[') {
            throw j.fail("bids must be an array");
        }
        int count = 0;
        p = j.ws(p + 1);
        if (j.at(p) != ']') {
            while (true) {
                if (j.at(p) != '{') {
                    throw j.fail("bids must be an array of objects");
                }
                p = j.ws(entry(p));
                count++;
                int c = j.at(p);
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw j.fail("expected ',' or ']' in bids");
                }
                p = j.ws(p + 1);
            }
        }
        f.set(ScannedFields.BIDS, true, count);
        return p + 1;
    }

    /** One object of {@code bids}, from its '{' at {@code p}, at depth 3. */
    private int entry(int p) {
        JsonBytes j = json;
        int seen = 0;
        p = j.ws(p + 1);
        if (j.at(p) != '}') {
            while (true) {
                p = j.string(p, "field name");
                int name = j.indexIn(ScannedFields.ENTRY);
                p = j.colon(p);
                if (name == ScannedFields.ENTRY_PRICE) {
                    p = price(p, "bids[].price");
                } else if (name == ScannedFields.ENTRY_UNKNOWN) {
                    p = skip(p, 3);
                    name = -1;
                } else {
                    p = text(p, ScannedFields.entryNameOf(name));
                }
                if (name >= 0) {
                    seen = j.present ? seen | 1 << name : seen & ~(1 << name);
                }
                p = j.ws(p);
                int c = j.at(p);
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw j.fail("expected ',' or '}' in a bid");
                }
                p = j.ws(p + 1);
            }
        }
        ScannedFields.checkEntry(seen, j);
        return p + 1;
    }

    /** Skips any JSON value starting at {@code p}, inside containers {@code depth} deep; returns the position after it. */
    private int skip(int p, int depth) {
        JsonBytes j = json;
        boolean[] obj = inObject;
        int base = depth;
        while (true) {
            int c = j.at(p);
            boolean ended;
            if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw j.fail("nested more than " + MAX_DEPTH + " levels deep");
                }
                obj[depth] = c == '{';
                p = j.ws(p + 1);
                int close = j.at(p);
                if (close == (c == '{' ? '}' : ']')) {
                    p++;
                    depth--;
                    ended = true;
                } else {
                    if (c == '{') {
                        p = j.colon(j.string(p, "field name"));
                    }
                    ended = false;
                }
            } else {
                p = j.scalar(p);
                ended = true;
            }
            while (ended) {
                if (depth == base) {
                    return p;
                }
                p = j.ws(p);
                int d = j.at(p);
                if (d == ',') {
                    p = j.ws(p + 1);
                    if (obj[depth]) {
                        p = j.colon(j.string(p, "field name"));
                    }
                    ended = false;
                } else if (d == (obj[depth] ? '}' : ']')) {
                    p++;
                    depth--;
                } else {
                    throw j.fail("expected ',' or the end of an " + (obj[depth] ? "object" : "array"));
                }
            }
        }
    }
}
