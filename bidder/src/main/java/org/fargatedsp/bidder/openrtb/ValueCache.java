package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.core.JsonParser;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;

/**
 * Shares one String among the many requests that send the same short value: currencies, countries, OS names,
 * IAB categories, blocked advertisers, domains, bundles, deal ids, mimes, impression ids, user agents. A value is
 * looked up by its characters in the parser's buffer, so a value seen before costs no allocation at all.
 *
 * <p>One table per event-loop thread, so no locking; each slot keeps the last value hashed there, which keeps
 * frequent values and lets rare ones go. Never used for values unique to a request, such as its id.
 */
final class ValueCache {
    private static final int SLOTS = 8192;
    private static final int MAX_LENGTH = 256;
    private static final FastThreadLocal<ValueCache> CURRENT = new FastThreadLocal<>() {
        @Override
        protected ValueCache initialValue() {
            return new ValueCache();
        }
    };

    private final String[] values = new String[SLOTS];

    static ValueCache current() {
        return CURRENT.get();
    }

    /** The current string token's value, shared when an equal value was seen recently. */
    String value(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ (hash >>> 15)) & (SLOTS - 1);
        String cached = values[slot];
        if (cached != null && sameChars(cached, chars, offset, length)) {
            return cached;
        }
        String value = new String(chars, offset, length);
        values[slot] = value;
        return value;
    }

    private static boolean sameChars(String value, char[] chars, int offset, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
