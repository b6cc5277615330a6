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
 * Typed reads of the current JSON value for the streaming decoder. Each method starts on the value's first token
 * and leaves the parser on its last. JSON {@code null} reads as absent. A value of the wrong type is a
 * {@link BadRequestException} naming the field by its JSON Pointer.
 */
final class JsonFields {
    /** Elements beyond this in any one array are refused: nothing a real exchange sends comes near it. */
    static final int MAX_ARRAY_ELEMENTS = 1024;

    private JsonFields() {}

    /** Reads one element of an array; a static method reference, so passing one allocates nothing. */
    @FunctionalInterface
    interface ElementReader<T> {
        T read(JsonParser p) throws IOException;
    }

    static int intValue(JsonParser p, int absent) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                throw outOfRange(p, "is outside the 32-bit integer range");
            }
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            // Some exchanges write integers as 300.0; accept those, refuse real fractions.
            double d = p.getDoubleValue();
            if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
                throw wrongType(p, "an integer");
            }
            return (int) d;
        }
        if (t == JsonToken.VALUE_NULL) {
            return absent;
        }
        throw wrongType(p, "an integer");
    }

    /** A finite, non-negative decimal such as a floor or a price. */
    static double nonNegativeDecimal(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            double d = p.getDoubleValue();
            if (!Double.isFinite(d)) {
                throw outOfRange(p, "is not a finite number");
            }
            if (d < 0) {
                throw outOfRange(p, "must not be negative");
            }
            return d;
        }
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw wrongType(p, "a number");
    }

    /** A string; an integer is accepted as its text because some exchanges send numeric ids. */
    static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(p, "a string");
    }

    /**
     * A string that many requests share (a currency, a country, a category, a domain...): like {@link #text},
     * but a value seen recently on this thread is returned as the same String, allocating nothing.
     */
    static String value(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return ValueCache.current().value(p);
        }
        return text(p);
    }

    /** An array of shared values, see {@link #value}. */
    static List<String> valueList(JsonParser p) throws IOException {
        return list(p, JsonFields::value, "a string");
    }

    static int[] intArray(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw wrongType(p, "an array of integers");
        }
        int[] values = new int[4];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == MAX_ARRAY_ELEMENTS) {
                throw tooMany(p);
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = intValue(p, 0);
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /**
     * An array whose elements {@code reader} reads. A one-element array, by far the most common, becomes an
     * immutable {@code List.of(e)}, the smallest list there is; a longer one is gathered in this thread's scratch
     * space and copied once into a list of exactly its size, instead of growing a list step by step.
     */
    static <T> List<T> list(JsonParser p, ElementReader<T> reader, String elementType) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw wrongType(p, "an array");
        }
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return List.of();
        }
        T first = element(p, reader, elementType);
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return List.of(first);
        }
        ListScratch scratch = ListScratch.current();
        Object[] values = scratch.push();
        int n = 1;
        try {
            values[0] = first;
            do {
                if (n == MAX_ARRAY_ELEMENTS) {
                    throw tooMany(p);
                }
                values[n++] = element(p, reader, elementType);
            } while (p.nextToken() != JsonToken.END_ARRAY);
            @SuppressWarnings("unchecked")
            List<T> list = (List<T>) Arrays.asList(Arrays.copyOf(values, n));
            return list;
        } finally {
            scratch.pop(n);
        }
    }

    /** Per-thread arrays to gather array elements in, one per nesting level of arrays being read. */
    private static final class ListScratch {
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

    private static <T> T element(JsonParser p, ElementReader<T> reader, String elementType) throws IOException {
        T value = reader.read(p);
        if (value == null) {
            // null inside an array would only hide a broken element; the spec has none.
            throw wrongType(p, elementType);
        }
        return value;
    }

    /** True on an object, false on null; anything else is the wrong type. */
    static boolean startObject(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(p, "an object");
    }

    static BadRequestException wrongType(JsonParser p, String expected) {
        return new BadRequestException(BadRequestException.Kind.WRONG_TYPE, where(p) + ": expected " + expected);
    }

    static BadRequestException outOfRange(JsonParser p, String problem) {
        return new BadRequestException(BadRequestException.Kind.OUT_OF_RANGE, where(p) + " " + problem);
    }

    static BadRequestException tooMany(JsonParser p) {
        return new BadRequestException(BadRequestException.Kind.TOO_COMPLEX,
                where(p) + ": more than " + MAX_ARRAY_ELEMENTS + " elements");
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
