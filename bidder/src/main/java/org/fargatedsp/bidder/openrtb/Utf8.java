package org.fargatedsp.bidder.openrtb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a body is in JSON's one encoding, UTF-8 without a byte order mark (RFC 8259 section 8.1), before it
 * is parsed: the parser would otherwise read a BOM, UTF-16 or UTF-32 as if they were allowed, and decode overlong
 * forms such as {@code C0 AF} (a {@code /}) as the character they hide. Well-formed means RFC 3629 section 4: no
 * overlong form, no surrogate, nothing above U+10FFFF, no sequence cut short. A NUL byte is refused too: JSON holds
 * none outside a string and none unescaped inside one, and ASCII text in UTF-16 or UTF-32 is full of them.
 *
 * <p>Eight bytes are checked at a time while they are ASCII, as nearly every byte of a bid request is.
 */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;

    private Utf8() {}

    /** Refuses {@code body[offset, offset + length)} unless it is UTF-8 without a BOM and without a NUL byte. */
    static void check(byte[] body, int offset, int length) {
        int end = offset + length;
        int first = length > 0 ? body[offset] & 0xFF : 0;
        if (length >= 2 && (first == 0xFE || first == 0xFF) && (body[offset + 1] & 0xFF) == (first ^ 0x01)) {
            throw refused("the body starts with a UTF-16 or UTF-32 byte order mark; JSON is UTF-8 (RFC 8259, 8.1)");
        }
        if (length >= 3 && first == 0xEF && (body[offset + 1] & 0xFF) == 0xBB
                && (body[offset + 2] & 0xFF) == 0xBF) {
            throw refused("the body starts with a byte order mark, which JSON must not (RFC 8259, 8.1)");
        }
        int i = offset;
        while (i < end) {
            if (i + 8 <= end) {
                long word = (long) LONGS.get(body, i);
                if ((word & HIGH_BITS) == 0) {
                    // A zero byte is the only one whose subtraction borrows into its own high bit.
                    if (((word - LOW_BITS) & ~word & HIGH_BITS) != 0) {
                        throw nul(body, i, offset);
                    }
                    i += 8;
                    continue;
                }
            }
            int b = body[i] & 0xFF;
            if (b < 0x80) {
                if (b == 0) {
                    throw nul(body, i, offset);
                }
                i++;
            } else {
                i = sequence(body, i, end, b, offset);
            }
        }
    }

    /**
     * The index after the multi-byte sequence starting with {@code lead} at {@code i}; refuses a malformed one,
     * naming its place from {@code offset}.
     */
    private static int sequence(byte[] body, int i, int end, int lead, int offset) {
        int length;
        int min = 0x80;
        int max = 0xBF;
        // RFC 3629, section 4: the second byte's range is what rules out overlong forms, surrogates and > U+10FFFF.
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                min = 0xA0;
            } else if (lead == 0xED) {
                max = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                min = 0x90;
            } else if (lead == 0xF4) {
                max = 0x8F;
            }
        } else {
            throw invalid(i - offset, lead == 0xC0 || lead == 0xC1 ? "an overlong encoding"
                    : "a byte that starts no character");
        }
        if (i + length > end) {
            throw invalid(i - offset, "a character cut short");
        }
        int second = body[i + 1] & 0xFF;
        if (second < min || second > max) {
            throw invalid(i - offset, second >= 0x80 && second <= 0xBF
                    ? "an overlong encoding, a surrogate or a code point above U+10FFFF" : "a character cut short");
        }
        for (int k = 2; k < length; k++) {
            int next = body[i + k] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                throw invalid(i - offset, "a character cut short");
            }
        }
        return i + length;
    }

    private static BadRequestException nul(byte[] body, int from, int offset) {
        int at = from;
        while (body[at] != 0) {
            at++;
        }
        return refused("a NUL byte at byte " + (at - offset)
                + ": the body must be UTF-8, not UTF-16 or UTF-32 (RFC 8259, 8.1)");
    }

    private static BadRequestException invalid(int at, String what) {
        return refused("invalid UTF-8 at byte " + at + ": " + what + " (RFC 3629, 4)");
    }

    private static BadRequestException refused(String reason) {
        return new BadRequestException(BadRequestException.Kind.INVALID_ENCODING, reason);
    }
}
