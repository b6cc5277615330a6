package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Lenient reads of the Native request's scalars: a value that can be coerced without guessing is ({@code 300.0}
 * and {@code "300"} for 300, {@code true} for a {@code required} of 1), anything else reads as {@link #BAD} and is
 * skipped, and nothing here throws for the request's content.
 */
final class NativeValues {
    /** The value is null or not there. */
    static final int ABSENT = -1;
    /** The value is there but cannot be used. */
    static final int BAD = -2;
    private static final int MAX_INTEGERS = 16;
    private static final int MAX_VER_LENGTH = 8;
    /** Digits of the largest integer read from a string: nine always fit an int. */
    private static final int MAX_DIGITS = 9;

    private NativeValues() {}

    /** An array of positive integers, such as an event tracker's methods; null when it is not an array. */
    static int[] positiveIntegers(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        int[] values = new int[2];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int value = integer(p);
            if (value > 0 && n < MAX_INTEGERS) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = value;
            }
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** {@code required}: 0 or 1, {@code false} or {@code true}; anything else but null counts as required. */
    static int required(JsonParser p) throws IOException {
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
    static int integer(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0 ? p.getIntValue() : BAD;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE ? (int) d : BAD;
        }
        if (t == JsonToken.VALUE_STRING) {
            return StringCaps.longer(p, MAX_DIGITS) ? BAD
                    : digits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        if (t == JsonToken.VALUE_NULL) {
            return ABSENT;
        }
        p.skipChildren();
        return BAD;
    }

    private static int digits(char[] chars, int offset, int length) {
        if (length == 0 || length > MAX_DIGITS) {
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
    static String version(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            p.skipChildren();
            return null;
        }
        if (StringCaps.longer(p, MAX_VER_LENGTH)) {
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
}
