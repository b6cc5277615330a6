package org.fargatedsp.bidlog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The token level of {@link RecordScanner}: whitespace, strings (escapes and UTF-8 checked), numbers and literals
 * of one line's bytes, by the grammar of RFC 8259 as Jackson reads it by default. What the last token held is left
 * in fields, so nothing is allocated for a valid line.
 */
final class JsonBytes {
    private static final long MAX_MICROS_DIGITS = 19;

    byte[] b;
    int end;
    /** Whether the last value read by the scanner was not {@code null}. */
    boolean present;
    long longValue;
    /** 't', 'f' or 'n': the last literal. */
    int literalKind;
    private int strStart;
    private int strEnd;
    private boolean strEscaped;
    private boolean negative;
    private int intStart;
    private int intLen;
    /** Digits after the '.', or -1 without one. */
    int fracLen;
    /** Digits of the exponent, or -1 without one. */
    int expLen;
    private int expStart;
    private boolean expNegative;

    void reset(byte[] bytes, int from, int to) {
        b = bytes;
        end = to;
    }

    int at(int p) {
        return p < end ? b[p] & 0xFF : -1;
    }

    BidLogFormatException fail(String reason) {
        return new BidLogFormatException(reason, null);
    }

    int ws(int p) {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return p;
            }
            p++;
        }
        return p;
    }

    /** A ':' after optional whitespace, and the whitespace after it. */
    int colon(int p) {
        p = ws(p);
        if (at(p) != ':') {
            throw fail("expected ':' after a field name");
        }
        return ws(p + 1);
    }

    /** The string whose opening quote is at {@code p}; returns the position after its closing quote. */
    int string(int p, String what) {
        if (at(p) != '"') {
            throw fail("expected " + what + " as a string");
        }
        byte[] bytes = b;
        int i = p + 1;
        strStart = i;
        strEscaped = false;
        while (i < end) {
            int c = bytes[i];
            if (c >= 0x20 && c != '"' && c != '\\') {
                i++;
                continue;
            }
            if (c == '"') {
                strEnd = i;
                if (i - strStart > RecordScanner.MAX_NAME_LENGTH && what.equals("field name")
                        && decoded().length() > RecordScanner.MAX_NAME_LENGTH) {
                    throw fail("field name longer than " + RecordScanner.MAX_NAME_LENGTH + " characters");
                }
                return i + 1;
            }
            if (c == '\\') {
                strEscaped = true;
                i = escape(i + 1);
            } else if (c < 0) {
                i = utf8(i);
            } else {
                throw fail("control character " + c + " in " + what);
            }
        }
        throw fail("unterminated string in " + what);
    }

    private int escape(int i) {
        switch (at(i)) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                for (int k = 1; k <= 4; k++) {
                    if (hex(at(i + k)) < 0) {
                        throw fail("bad \\u escape");
                    }
                }
                return i + 5;
            }
            default -> throw fail("bad escape");
        }
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    // One well-formed UTF-8 sequence from its lead byte (Unicode 15, table 3-7); returns the position after it.
    private int utf8(int i) {
        int c = b[i] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            throw fail("invalid UTF-8");
        }
        int d = at(i + 1);
        if (d < lo || d > hi) {
            throw fail("invalid UTF-8");
        }
        for (int k = 2; k <= n; k++) {
            d = at(i + k);
            if (d < 0x80 || d > 0xBF) {
                throw fail("invalid UTF-8");
            }
        }
        return i + n + 1;
    }

    /** The last string's text, escapes decoded (the rare path: escaped names and codes, long names). */
    private String decoded() {
        if (!strEscaped) {
            return new String(b, strStart, strEnd - strStart, StandardCharsets.UTF_8);
        }
        StringBuilder s = new StringBuilder();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        int i = strStart;
        while (i < strEnd) {
            int c = b[i];
            if (c != '\\') {
                run.write(c);
                i++;
                continue;
            }
            s.append(run.toString(StandardCharsets.UTF_8));
            run.reset();
            int e = b[i + 1];
            switch (e) {
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    s.append((char) (hex(b[i + 2]) << 12 | hex(b[i + 3]) << 8 | hex(b[i + 4]) << 4 | hex(b[i + 5])));
                    i += 4;
                }
                default -> s.append((char) e);
            }
            i += 2;
        }
        return s.append(run.toString(StandardCharsets.UTF_8)).toString();
    }

    /** The index in {@code names} of the last string, or {@code names.length} when it is none of them. */
    int indexIn(byte[][] names) {
        if (strEscaped) {
            String s = decoded();
            for (int k = 0; k < names.length; k++) {
                if (s.equals(new String(names[k], StandardCharsets.US_ASCII))) {
                    return k;
                }
            }
            return names.length;
        }
        int len = strEnd - strStart;
        for (int k = 0; k < names.length; k++) {
            byte[] n = names[k];
            if (n.length == len && same(n, len)) {
                return k;
            }
        }
        return names.length;
    }

    private boolean same(byte[] name, int len) {
        byte[] bytes = b;
        int s = strStart;
        for (int k = 0; k < len; k++) {
            if (bytes[s + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    /** {@code true}, {@code false} or {@code null} at {@code p}. */
    int literal(int p) {
        int c = at(p);
        String word = c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : null;
        if (word == null) {
            throw fail("unexpected character");
        }
        for (int k = 1; k < word.length(); k++) {
            if (at(p + k) != word.charAt(k)) {
                throw fail("unrecognized token");
            }
        }
        literalKind = c;
        return p + word.length();
    }

    /** Any string, number or literal at {@code p}. */
    int scalar(int p) {
        int c = at(p);
        if (c == '"') {
            return string(p, "string");
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(p);
        }
        return literal(p);
    }

    /** A number at {@code p}: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    int number(int p) {
        negative = at(p) == '-';
        if (negative) {
            p++;
        }
        intStart = p;
        int first = at(p);
        if (first < '0' || first > '9') {
            throw fail("bad number");
        }
        p = digits(p);
        intLen = p - intStart;
        if (first == '0' && intLen > 1) {
            throw fail("leading zeros in a number");
        }
        fracLen = -1;
        expLen = -1;
        if (at(p) == '.') {
            int from = p + 1;
            p = digits(from);
            fracLen = p - from;
            if (fracLen == 0) {
                throw fail("no digit after a decimal point");
            }
        }
        int e = at(p);
        if (e == 'e' || e == 'E') {
            p++;
            int sign = at(p);
            expNegative = sign == '-';
            if (sign == '-' || sign == '+') {
                p++;
            }
            expStart = p;
            p = digits(p);
            expLen = p - expStart;
            if (expLen == 0) {
                throw fail("no digit in an exponent");
            }
        }
        if (fracLen < 0 && expLen < 0) {
            if (intLen > RecordScanner.MAX_NUMBER_LENGTH) {
                throw fail("number longer than " + RecordScanner.MAX_NUMBER_LENGTH + " digits");
            }
        } else if (intLen + Math.max(fracLen, 0) + Math.max(expLen, 0) > RecordScanner.MAX_NUMBER_LENGTH) {
            throw fail("number longer than " + RecordScanner.MAX_NUMBER_LENGTH + " digits");
        }
        return p;
    }

    private int digits(int p) {
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p;
    }

    /** The last number, an integer, as a long. */
    long integerValue(String name) {
        if (intLen > 19) {
            throw fail(name + " is out of range");
        }
        // Accumulated negative, so that Long.MIN_VALUE fits.
        long v = 0;
        for (int k = 0; k < intLen; k++) {
            int d = b[intStart + k] - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                throw fail(name + " is out of range");
            }
            v = v * 10 - d;
        }
        if (negative) {
            return v;
        }
        if (v == Long.MIN_VALUE) {
            throw fail(name + " is out of range");
        }
        return -v;
    }

    /**
     * Checks the last number as {@link Prices#toMicros} would: not negative, a whole number of micros, within a long.
     */
    void checkMicros(String name) {
        int frac = Math.max(fracLen, 0);
        // The significant digits: the integer's and the fraction's, as one run from intStart, skipping the '.'.
        int firstDigit = -1;
        int lastDigit = -1;
        int count = intLen + frac;
        for (int k = 0; k < count; k++) {
            if (digitAt(k) != 0) {
                if (firstDigit < 0) {
                    firstDigit = k;
                }
                lastDigit = k;
            }
        }
        long exp = 0;
        if (expLen > 0) {
            int from = expStart;
            while (from < expStart + expLen - 1 && b[from] == '0') {
                from++;
            }
            if (expStart + expLen - from > 9) {
                throw fail(name + " has an exponent out of range");
            }
            for (int k = from; k < expStart + expLen; k++) {
                exp = exp * 10 + (b[k] - '0');
            }
            if (expNegative) {
                exp = -exp;
            }
        }
        if (firstDigit < 0) {
            return;
        }
        if (negative) {
            throw fail(name + " must not be negative");
        }
        // micros = digits[firstDigit..lastDigit] * 10^shift
        long shift = (count - 1 - lastDigit) - frac + exp + 6;
        if (shift < 0) {
            throw fail(name + " is finer than a millionth");
        }
        long significant = lastDigit - firstDigit + 1;
        if (significant + shift > MAX_MICROS_DIGITS) {
            throw fail(name + " is too large");
        }
        try {
            long v = 0;
            for (int k = firstDigit; k <= lastDigit; k++) {
                v = Math.addExact(Math.multiplyExact(v, 10), digitAt(k));
            }
            for (long k = 0; k < shift; k++) {
                v = Math.multiplyExact(v, 10);
            }
        } catch (ArithmeticException e) {
            throw fail(name + " is too large");
        }
    }

    private int digitAt(int k) {
        return k < intLen ? b[intStart + k] - '0' : b[intStart + intLen + 1 + k - intLen] - '0';
    }
}
