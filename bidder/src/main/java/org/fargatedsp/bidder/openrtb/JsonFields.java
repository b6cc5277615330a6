package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Lenient typed reads of the current JSON value for the streaming decoder (numbers are in {@link JsonNumbers}),
 * after the rule the bidder reads by: a value that can be coerced without guessing is ({@code "728"} for 728, one
 * value for a list of it, an integer for the text of an id, {@code ""} for an absent number, list or object), and
 * any other value of a field the bidder reads is dropped (read as absent). Each coercion and drop is recorded in
 * the {@link Repairs}, which also works out what a drop costs. JSON {@code null} is absent and no repair. Nothing
 * here throws for a value's shape: only the parser's own errors (not JSON, too deep) remain, and
 * {@link #badRequest} maps those.
 *
 * <p>Each method starts on the value's first token and leaves the parser on its last.
 */
final class JsonFields {
    /** Elements beyond this in any one array drop the field: nothing a real exchange sends comes near it. */
    static final int MAX_ARRAY_ELEMENTS = 1024;
    private JsonFields() {}

    /**
     * Reads one element of an array, or a single value sent for the array; null when the element cannot be used,
     * having recorded why. A static method reference, so passing one allocates nothing.
     */
    @FunctionalInterface
    interface ElementReader<T> {
        T read(JsonParser p, Repairs r, RepairField field) throws IOException;
    }

    /**
     * A string of at most the field's {@link RepairField#maxChars()}, a longer one dropped without being decoded;
     * an integer is coerced to its text, as exchanges send numeric ids.
     */
    static String text(JsonParser p, Repairs r, RepairField field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return tooLong(p, field) ? overLong(r, field) : p.getText();
        }
        return nonString(p, r, field);
    }

    /**
     * A string that many requests share (a currency, a country, a category, a domain...): like {@link #text},
     * but a value seen recently on this thread is returned as the same String, allocating nothing.
     */
    static String value(JsonParser p, Repairs r, RepairField field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return tooLong(p, field) ? overLong(r, field) : ValueCache.current().value(p);
        }
        return nonString(p, r, field);
    }

    /**
     * An id the response or the bid log echoes (an impression's, a deal's): read as {@link #value}, but one longer
     * than {@link RepairField#MAX_CHARS} refuses the request, since no answer could name it.
     */
    static String id(JsonParser p, Repairs r, RepairField field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return nonString(p, r, field);
        }
        if (tooLong(p, field)) {
            throw tooLongId(p);
        }
        return ValueCache.current().value(p);
    }

    /** The refusal of the id the parser is on, longer than {@link RepairField#MAX_CHARS}; its text is not read. */
    static BadRequestException tooLongId(JsonParser p) {
        return new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE, where(p) + " is longer than "
                + RepairField.MAX_CHARS + " characters, the most an id may have");
    }

    private static boolean tooLong(JsonParser p, RepairField field) throws IOException {
        return StringCaps.longer(p, field.maxChars());
    }

    /** The string is dropped, and left for the parser to skip past. */
    private static String overLong(Repairs r, RepairField field) {
        r.dropped(field);
        return null;
    }

    private static String nonString(JsonParser p, Repairs r, RepairField field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            r.coerced(field);
            return p.getText();
        }
        if (t != JsonToken.VALUE_NULL) {
            p.skipChildren();
            r.dropped(field);
        }
        return null;
    }

    /** An array of shared values, see {@link #value}; one value alone is a list of it. */
    static List<String> valueList(JsonParser p, Repairs r, RepairField field) throws IOException {
        return list(p, r, field, JsonFields::value);
    }

    /**
     * An array whose elements {@code reader} reads; a single value sent for it is a list of that value (an
     * object where an array of objects was expected), {@code ""} is absent, and null or unreadable elements are
     * left out. A one-element array, by far the most common, becomes an immutable {@code List.of(e)}, the smallest
     * list there is; a longer one is gathered in this thread's scratch space and copied once into a list of exactly
     * its size, instead of growing a list step by step.
     */
    static <T> List<T> list(JsonParser p, Repairs r, RepairField field, ElementReader<T> reader) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            if (StringCaps.empty(p)) {
                r.coerced(field);
                return null;
            }
            T only = reader.read(p, r, field);
            if (only == null) {
                return null;
            }
            r.coerced(field);
            return List.of(only);
        }
        T first = null;
        int seen = 0;
        while (first == null) {
            if (p.nextToken() == JsonToken.END_ARRAY) {
                return List.of();
            }
            if (seen++ == MAX_ARRAY_ELEMENTS) {
                return tooMany(p, r, field);
            }
            first = element(p, r, field, reader);
        }
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return List.of(first);
        }
        ListScratch scratch = ListScratch.current();
        Object[] values = scratch.push();
        int n = 1;
        try {
            values[0] = first;
            do {
                if (seen++ == MAX_ARRAY_ELEMENTS) {
                    return tooMany(p, r, field);
                }
                T value = element(p, r, field, reader);
                if (value != null) {
                    values[n++] = value;
                }
            } while (p.nextToken() != JsonToken.END_ARRAY);
            return gathered(values, n);
        } finally {
            scratch.pop(n);
        }
    }

    private static <T> T element(JsonParser p, Repairs r, RepairField field, ElementReader<T> reader)
            throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            r.coerced(field);
            return null;
        }
        return reader.read(p, r, field);
    }

    private static <T> List<T> tooMany(JsonParser p, Repairs r, RepairField field) throws IOException {
        r.dropped(field);
        skipRest(p);
        return null;
    }

    /** The first {@code n} values as a list of exactly that size; {@code values} is scratch space, left as it is. */
    static <T> List<T> gathered(Object[] values, int n) {
        if (n == 1) {
            @SuppressWarnings("unchecked")
            T only = (T) values[0];
            return List.of(only);
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(Arrays.copyOf(values, n));
        return list;
    }

    /**
     * True on an object; false when the object is absent (null; {@code ""} or {@code []}, coerced) or unreadable
     * (dropped, and skipped).
     */
    static boolean startObject(JsonParser p, Repairs r, RepairField field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (StringCaps.empty(p)) {
            r.coerced(field);
            return false;
        }
        if (t == JsonToken.START_ARRAY) {
            if (p.nextToken() == JsonToken.END_ARRAY) {
                r.coerced(field);
                return false;
            }
            skipRest(p);
        }
        r.dropped(field);
        return false;
    }

    /** Skips the rest of an array, the parser on one of its elements; leaves it on the array's end. */
    static void skipRest(JsonParser p) throws IOException {
        p.skipChildren();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
        }
    }

    /** Per-thread arrays to gather array elements in, one per nesting level of arrays being read. */
    static final class ListScratch {
        private static final io.netty.util.concurrent.FastThreadLocal<ListScratch> CURRENT =
                new io.netty.util.concurrent.FastThreadLocal<>() {
                    @Override
                    protected ListScratch initialValue() {
                        return new ListScratch();
                    }
                };

        private Object[][] levels = new Object[4][];
        private int depth;

        static ListScratch current() {
            return CURRENT.get();
        }

        Object[] push() {
            if (depth == levels.length) {
                levels = Arrays.copyOf(levels, depth * 2);
            }
            Object[] level = levels[depth];
            if (level == null) {
                level = new Object[MAX_ARRAY_ELEMENTS];
                levels[depth] = level;
            }
            depth++;
            return level;
        }

        /** Leaves the level, dropping the {@code used} references it held so they can be collected. */
        void pop(int used) {
            Arrays.fill(levels[--depth], 0, used, null);
        }
    }

    /** What the parser's {@code e} means for the client: a problem with its request, never a failure of ours. */
    static BadRequestException badRequest(IOException e) {
        if (e instanceof StreamConstraintsException constraints) {
            return new BadRequestException(BadRequestException.Kind.TOO_COMPLEX, constraints.getOriginalMessage());
        }
        if (e instanceof JsonEOFException) {
            return new BadRequestException(BadRequestException.Kind.MALFORMED_JSON, "truncated JSON");
        }
        if (e instanceof JsonParseException parse) {
            String message = parse.getOriginalMessage();
            BadRequestException.Kind kind = message != null && message.contains("UTF-8")
                    ? BadRequestException.Kind.INVALID_ENCODING
                    : BadRequestException.Kind.MALFORMED_JSON;
            return new BadRequestException(kind, "invalid JSON at byte " + parse.getLocation().getByteOffset()
                    + ": " + shorten(message));
        }
        if (e instanceof JsonProcessingException processing) {
            // InputCoercionException and friends: a number that does not fit where it goes.
            return new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE,
                    shorten(processing.getOriginalMessage()));
        }
        // Parsing a byte array does no I/O; this is a parser failure all the same.
        return new BadRequestException(BadRequestException.Kind.MALFORMED_JSON, shorten(e.getMessage()));
    }

    private static String shorten(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= 160 ? line : line.substring(0, 160);
    }

    static BadRequestException missing(String pointer) {
        return new BadRequestException(BadRequestException.Kind.MISSING_FIELD, pointer + " is required");
    }

    /** The JSON Pointer (RFC 6901) of the current value, such as {@code /imp/0/banner/w}. */
    static String where(JsonParser p) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "/" : pointer;
    }
}
