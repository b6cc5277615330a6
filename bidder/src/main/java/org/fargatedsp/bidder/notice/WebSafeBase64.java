package org.fargatedsp.bidder.notice;

import java.util.Arrays;

/**
 * Web-safe base64 without padding (RFC 4648, section 5: {@code -} and {@code _} for {@code +} and {@code /}), as the
 * notice tokens and the exchanges' encrypted prices are written: characters that need no escaping in a URL or in
 * JSON. Encoding allocates nothing; decoding is strict, refusing any character
 * outside the alphabet and any last character whose unused bits are not zero, so that every byte string has exactly
 * one spelling and a changed character is always a changed value.
 */
final class WebSafeBase64 {
    /** What {@link #decode} returns for a character outside the alphabet. */
    static final int INVALID = -1;
    /** What {@link #decode} returns for a length no encoding has: 4n + 1 characters. */
    static final int IMPOSSIBLE_LENGTH = -2;
    /**
     * What {@link #decode} returns when the last character's unused bits are not zero: no encoder writes that, but
     * a text cut inside a group of four ends that way.
     */
    static final int STRAY_BITS = -3;

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private WebSafeBase64() {}

    /** Characters that encode {@code bytes} bytes. */
    static int encodedLength(int bytes) {
        return bytes / 3 * 4 + (bytes % 3 == 0 ? 0 : bytes % 3 + 1);
    }

    /** Bytes that {@code chars} characters decode to, or {@link #IMPOSSIBLE_LENGTH}. */
    static int decodedLength(int chars) {
        return chars % 4 == 1 ? IMPOSSIBLE_LENGTH : chars / 4 * 3 + (chars % 4 == 0 ? 0 : chars % 4 - 1);
    }

    /**
     * Writes {@code src[off, off + len)} into {@code dst} from {@code at}, four characters for every three bytes;
     * returns where the characters end. A byte array, not the response buffer: one bounds check for the whole token
     * instead of one for every four characters.
     */
    static int encode(byte[] src, int off, int len, byte[] dst, int at) {
        int i = off;
        int end = off + len;
        int o = at;
        for (; i + 3 <= end; i += 3) {
            int v = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8 | (src[i + 2] & 0xFF);
            dst[o] = ALPHABET[v >>> 18];
            dst[o + 1] = ALPHABET[(v >>> 12) & 63];
            dst[o + 2] = ALPHABET[(v >>> 6) & 63];
            dst[o + 3] = ALPHABET[v & 63];
            o += 4;
        }
        if (end - i == 1) {
            int v = src[i] & 0xFF;
            dst[o++] = ALPHABET[v >>> 2];
            dst[o++] = ALPHABET[(v & 3) << 4];
        } else if (end - i == 2) {
            int v = (src[i] & 0xFF) << 8 | (src[i + 1] & 0xFF);
            dst[o++] = ALPHABET[v >>> 10];
            dst[o++] = ALPHABET[(v >>> 4) & 63];
            dst[o++] = ALPHABET[(v & 15) << 2];
        }
        return o;
    }

    /**
     * Decodes {@code text} into the start of {@code dst}, which must hold {@link #decodedLength} bytes; returns that
     * length, or {@link #INVALID}, {@link #IMPOSSIBLE_LENGTH} or {@link #STRAY_BITS}.
     */
    static int decode(CharSequence text, byte[] dst) {
        int chars = text.length();
        int length = decodedLength(chars);
        if (length < 0) {
            return length;
        }
        int o = 0;
        int i = 0;
        for (; i + 4 <= chars; i += 4) {
            int v = value(text, i) << 18 | value(text, i + 1) << 12 | value(text, i + 2) << 6 | value(text, i + 3);
            if (v < 0) {
                return INVALID;
            }
            dst[o++] = (byte) (v >>> 16);
            dst[o++] = (byte) (v >>> 8);
            dst[o++] = (byte) v;
        }
        int rest = chars - i;
        if (rest == 2) {
            int v = value(text, i) << 6 | value(text, i + 1);
            if (v < 0 || (v & 15) != 0) {
                return v < 0 ? INVALID : STRAY_BITS;
            }
            dst[o] = (byte) (v >>> 4);
        } else if (rest == 3) {
            int v = value(text, i) << 12 | value(text, i + 1) << 6 | value(text, i + 2);
            if (v < 0 || (v & 3) != 0) {
                return v < 0 ? INVALID : STRAY_BITS;
            }
            dst[o++] = (byte) (v >>> 10);
            dst[o] = (byte) (v >>> 2);
        }
        return length;
    }

    /** Whether every character of {@code text} is in the alphabet. */
    static boolean inAlphabet(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (value(text, i) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The character's value, or -1 outside the alphabet. */
    private static int value(CharSequence text, int at) {
        char c = text.charAt(at);
        // -1 shifted left keeps its sign bit, so one bad character makes the whole group negative.
        return c < 128 ? VALUES[c] : -1;
    }
}
