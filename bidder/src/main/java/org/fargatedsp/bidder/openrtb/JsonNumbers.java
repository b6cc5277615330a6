package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Lenient reads of the numbers of a bid request, after the rule of {@link JsonFields}: an integer also from
 * {@code 300.0} or {@code "300"}, a flag also from {@code true} or {@code "1"}, a floor also from {@code "0.5"},
 * one integer for an array of it, {@code ""} for absent; a negative value, a fraction where an integer belongs,
 * or anything else is dropped. Every coercion and drop goes to the {@link Repairs}.
 */
final class JsonNumbers {
    /** Longest string read as a number, as long as the parser lets a number be. */
    private static final int MAX_NUMBER_CHARS = 64;
    /** {@link #coercedInt} results that are not values. */
    private static final int ABSENT = -1;
    private static final int EMPTY = -2;
    private static final int UNREADABLE = -3;

    private JsonNumbers() {}

    /** A non-negative integer such as a size, a duration or a type; {@code absent} when absent or dropped. */
    static int integer(JsonParser p, Repairs r, RepairField field, int absent) throws IOException {
        if (plainInt(p)) {
            int value = p.getIntValue();
            if (value >= 0) {
                return value;
            }
            r.dropped(field);
            return absent;
        }
        int value = coercedInt(p);
        if (value >= 0) {
            r.coerced(field);
            return value;
        }
        record(value, r, field);
        return absent;
    }

    /** A 0 or 1 flag, also sent as {@code true} or {@code false}, {@code "1"} or {@code "0"}. */
    static int flag(JsonParser p, Repairs r, RepairField field, int absent) throws IOException {
        if (plainInt(p)) {
            int value = p.getIntValue();
            if (value == 0 || value == 1) {
                return value;
            }
            r.dropped(field);
            return absent;
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            r.coerced(field);
            return t == JsonToken.VALUE_TRUE ? 1 : 0;
        }
        int value = coercedInt(p);
        if (value == 0 || value == 1) {
            r.coerced(field);
            return value;
        }
        record(value < 0 ? value : UNREADABLE, r, field);
        return absent;
    }

    /** A finite, non-negative decimal such as a floor; 0 when absent or dropped (a negative one is dropped). */
    static double decimal(JsonParser p, Repairs r, RepairField field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            double d = p.getDoubleValue();
            if (Double.isFinite(d) && d >= 0) {
                return d;
            }
        } else if (t == JsonToken.VALUE_NULL) {
            return 0;
        } else if (t == JsonToken.VALUE_STRING) {
            if (StringCaps.empty(p)) {
                r.coerced(field);
                return 0;
            }
            double d = numericString(p);
            if (Double.isFinite(d) && d >= 0) {
                r.coerced(field);
                return d;
            }
        } else {
            p.skipChildren();
        }
        r.dropped(field);
        return 0;
    }

    /** An array of non-negative integers; one integer alone is an array of it; an unreadable element is dropped. */
    static int[] intArray(JsonParser p, Repairs r, RepairField field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            int only = intElement(p, r, field);
            if (only < 0) {
                return null;
            }
            if (plainInt(p)) {
                // Otherwise reading the value was the coercion already recorded.
                r.coerced(field);
            }
            return new int[] {only};
        }
        int[] values = new int[4];
        int n = 0;
        for (int seen = 0; p.nextToken() != JsonToken.END_ARRAY; seen++) {
            if (seen == JsonFields.MAX_ARRAY_ELEMENTS) {
                r.dropped(field);
                JsonFields.skipRest(p);
                return null;
            }
            int value = intElement(p, r, field);
            if (value < 0) {
                continue;
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = value;
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** One integer of an array, recording a coercion or a drop; negative when there is no value to keep. */
    private static int intElement(JsonParser p, Repairs r, RepairField field) throws IOException {
        boolean plain = plainInt(p);
        int value = plain ? p.getIntValue() : coercedInt(p);
        if (value >= 0) {
            if (!plain) {
                r.coerced(field);
            }
            return value;
        }
        if (plain) {
            r.dropped(field);
            return UNREADABLE;
        }
        // A null or "" element holds nothing: leaving it out is a coercion, not a loss.
        if (value == ABSENT || value == EMPTY) {
            r.coerced(field);
        } else {
            r.dropped(field);
        }
        return UNREADABLE;
    }

    /** True on a JSON integer that fits an int, the shape a well-formed request uses. */
    private static boolean plainInt(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
    }

    /**
     * The current value, not a plain int, read as a non-negative int: a whole decimal ({@code 300.0}) or a string
     * holding one ({@code "300"}); {@link #ABSENT} for null, {@link #EMPTY} for {@code ""}, {@link #UNREADABLE}
     * for anything else (skipped).
     */
    private static int coercedInt(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        double d;
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            d = p.getDoubleValue();
        } else if (t == JsonToken.VALUE_STRING) {
            if (StringCaps.empty(p)) {
                return EMPTY;
            }
            d = numericString(p);
        } else if (t == JsonToken.VALUE_NULL) {
            return ABSENT;
        } else {
            p.skipChildren();
            return UNREADABLE;
        }
        return d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE ? (int) d : UNREADABLE;
    }

    private static void record(int notAValue, Repairs r, RepairField field) {
        if (notAValue == EMPTY) {
            r.coerced(field);
        } else if (notAValue == UNREADABLE) {
            r.dropped(field);
        }
    }

    /**
     * The current string read as a JSON number (RFC 8259 section 6, no spaces, no sign but a minus), or NaN when
     * it holds anything else: {@code "728"} and {@code "0.5"} are numbers, {@code "728px"}, {@code "0x1F"},
     * {@code "1,5"} and {@code "NaN"} are not.
     */
    private static double numericString(JsonParser p) throws IOException {
        // A string too long to be a number is not decoded to find that out.
        if (StringCaps.longer(p, MAX_NUMBER_CHARS)) {
            return Double.NaN;
        }
        char[] c = p.getTextCharacters();
        int start = p.getTextOffset();
        int length = p.getTextLength();
        int end = start + length;
        int i = start;
        if (i < end && c[i] == '-') {
            i++;
        }
        int digits = digits(c, i, end);
        if (digits == 0 || (digits > 1 && c[i] == '0')) {
            return Double.NaN;
        }
        i += digits;
        if (i < end && c[i] == '.') {
            int fraction = digits(c, ++i, end);
            if (fraction == 0) {
                return Double.NaN;
            }
            i += fraction;
        }
        if (i < end && (c[i] == 'e' || c[i] == 'E')) {
            i++;
            if (i < end && (c[i] == '+' || c[i] == '-')) {
                i++;
            }
            int exponent = digits(c, i, end);
            if (exponent == 0) {
                return Double.NaN;
            }
            i += exponent;
        }
        return i == end ? Double.parseDouble(new String(c, start, length)) : Double.NaN;
    }

    private static int digits(char[] c, int from, int end) {
        int i = from;
        while (i < end && c[i] >= '0' && c[i] <= '9') {
            i++;
        }
        return i - from;
    }
}
