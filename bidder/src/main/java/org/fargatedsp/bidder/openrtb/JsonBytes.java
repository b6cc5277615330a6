package org.fargatedsp.bidder.openrtb;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON pieces straight into a {@link ByteBuf}, allocating nothing: the response encoder's
 * equivalent of Netty's {@code HttpObjectEncoder} writing headers without building strings.
 */
public final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** ASCII characters a JSON string holds as they are; index 128 stands for every non-ASCII character. */
    private static final boolean[] JSON_PLAIN = new boolean[129];

    static {
        for (char c = 0x20; c < 0x80; c++) {
            JSON_PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private JsonBytes() {}

    /** Writes {@code value} as a quoted JSON string (RFC 8259 section 7), UTF-8 encoded. */
    public static void string(ByteBuf out, String value) {
        out.writeByte('"');
        chars(out, value);
        out.writeByte('"');
    }

    /** Writes the escaped content of a JSON string, without quotes. */
    public static void chars(ByteBuf out, String value) {
        int length = value.length();
        int plain = 0;
        while (plain < length && JSON_PLAIN[Math.min(value.charAt(plain), 128)]) {
            plain++;
        }
        if (plain == length) {
            // Ids are almost always plain ASCII: one bulk copy instead of a checked write per byte.
            out.writeCharSequence(value, StandardCharsets.US_ASCII);
            return;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out.writeByte(c);
                } else {
                    escape(out, c);
                }
            } else if (c < 0x800) {
                out.writeByte(0xC0 | (c >> 6));
                out.writeByte(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out.writeByte(0xF0 | (cp >> 18));
                out.writeByte(0x80 | ((cp >> 12) & 0x3F));
                out.writeByte(0x80 | ((cp >> 6) & 0x3F));
                out.writeByte(0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 form; \\u escaping keeps the output valid JSON.
                unicodeEscape(out, c);
            } else {
                out.writeByte(0xE0 | (c >> 12));
                out.writeByte(0x80 | ((c >> 6) & 0x3F));
                out.writeByte(0x80 | (c & 0x3F));
            }
        }
    }

    private static void escape(ByteBuf out, char c) {
        switch (c) {
            case '"' -> out.writeShort(('\\' << 8) | '"');
            case '\\' -> out.writeShort(('\\' << 8) | '\\');
            case '\n' -> out.writeShort(('\\' << 8) | 'n');
            case '\r' -> out.writeShort(('\\' << 8) | 'r');
            case '\t' -> out.writeShort(('\\' << 8) | 't');
            default -> unicodeEscape(out, c);
        }
    }

    private static void unicodeEscape(ByteBuf out, char c) {
        out.writeByte('\\');
        out.writeByte('u');
        out.writeByte(HEX[(c >> 12) & 0xF]);
        out.writeByte(HEX[(c >> 8) & 0xF]);
        out.writeByte(HEX[(c >> 4) & 0xF]);
        out.writeByte(HEX[c & 0xF]);
    }

    /** Writes a non-negative amount given in micros as a decimal without trailing zeros: 2500000 as 2.5. */
    public static void micros(ByteBuf out, long micros) {
        long whole = micros / 1_000_000;
        long fraction = micros % 1_000_000;
        decimal(out, whole);
        if (fraction != 0) {
            out.writeByte('.');
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            for (int d = digits - 1; d >= 0; d--) {
                out.writeByte('0' + (int) (fraction / POWERS[d] % 10));
            }
        }
    }

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000};

    /** Writes a non-negative integer in decimal. */
    public static void decimal(ByteBuf out, long value) {
        if (value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (long v = value; v > 0; v /= 10) {
            out.setByte(--at, '0' + (int) (v % 10));
        }
        out.writerIndex(out.writerIndex() + digits);
    }

    /** Writes {@code value} as {@code digits} lower-case hexadecimal digits, zero-padded. */
    public static void hex(ByteBuf out, long value, int digits) {
        out.ensureWritable(digits);
        int at = out.writerIndex();
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.setByte(at++, HEX[(int) (value >>> shift) & 0xF]);
        }
        out.writerIndex(at);
    }
}
