package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;

/**
 * Tells how long the string the parser is on is, up to a cap, without decoding it: the parser decodes a string
 * whole when it is first asked for its text, so an id padded to 60,000 characters would cost what the sender
 * padded it with. This reads the body's bytes where the parser found the string, at most the cap's worth of
 * characters (six bytes each at worst, for {@code \}{@code u0041}), and counts what {@link String#length()} would.
 * A string found longer is never decoded; the parser then skips it, scanning for its closing quote only.
 *
 * <p>It works on the body {@link BidRequestDecoder} is parsing on this thread, which {@link Utf8} has checked
 * first. For any other parser (the one inside a Native request string) it falls back to decoding and measuring,
 * which is bounded by that string's own cap.
 */
final class StringCaps {
    private static final FastThreadLocal<StringCaps> CURRENT = new FastThreadLocal<>() {
        @Override
        protected StringCaps initialValue() {
            return new StringCaps();
        }
    };

    private JsonParser parser;
    private byte[] body;
    private int offset;
    private int end;

    private StringCaps() {}

    /** {@code parser} is about to parse {@code body[offset, offset + length)} on this thread. */
    static void reading(JsonParser parser, byte[] body, int offset, int length) {
        StringCaps caps = CURRENT.get();
        caps.parser = parser;
        caps.body = body;
        caps.offset = offset;
        caps.end = offset + length;
    }

    /** The parse is over: the body is let go. */
    static void done() {
        StringCaps caps = CURRENT.get();
        caps.parser = null;
        caps.body = null;
    }

    /** True when the string value {@code p} is on has more than {@code maxChars} characters (UTF-16 units). */
    static boolean longer(JsonParser p, int maxChars) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return false;
        }
        StringCaps caps = CURRENT.get();
        if (p == caps.parser && p instanceof ParserBase base) {
            // For a string, the parser's token offset is its first byte after the opening quote.
            long start = caps.offset + base.getTokenCharacterOffset();
            if (start > caps.offset && start <= caps.end && caps.body[(int) start - 1] == '"') {
                return caps.longer((int) start, maxChars);
            }
        }
        return p.getTextLength() > maxChars;
    }

    /** True when the string value {@code p} is on is {@code ""}. */
    static boolean empty(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING && !longer(p, 0);
    }

    private boolean longer(int start, int maxChars) {
        byte[] b = body;
        int chars = 0;
        int i = start;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == '"') {
                return false;
            }
            if (c == '\\') {
                // An escape is one character: \" \\ \n and the like in two bytes, a code unit in six.
                i += i + 1 < end && b[i + 1] == 'u' ? 6 : 2;
                chars++;
            } else if (c < 0x80) {
                i++;
                chars++;
            } else if (c < 0xE0) {
                i += 2;
                chars++;
            } else if (c < 0xF0) {
                i += 3;
                chars++;
            } else {
                // Above U+FFFF: two UTF-16 units, a surrogate pair.
                i += 4;
                chars += 2;
            }
            if (chars > maxChars) {
                return true;
            }
        }
        // The body ends inside the string: the parser reports that.
        return false;
    }
}
