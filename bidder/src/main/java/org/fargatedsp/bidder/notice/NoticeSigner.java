package org.fargatedsp.bidder.notice;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the signed token of a bid's notice URLs ({@link NoticeToken}) with the current {@code NOTICE_SIGNING_KEY},
 * on the event loop: the fields go into a byte array of the thread's own, the MAC after them, the whole in base64
 * into a second array, copied into the response buffer at once. Nothing is allocated but what the buffer grows by.
 * Thread-safe.
 */
public final class NoticeSigner {
    private final byte[] key;
    private final int keyId;
    private final FastThreadLocal<Scratch> scratch = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch(key);
        }
    };

    public NoticeSigner(NoticeSigningKeys keys) {
        this.key = keys.current();
        this.keyId = NoticeSigningKeys.idOf(key);
    }

    /**
     * The campaign and creative ids as the token holds them, for the bid templates to encode once per entry and
     * {@link #write} to copy.
     */
    public static byte[] ids(String campaignId, String creativeId) {
        byte[] out = new byte[2 * NoticeToken.MAX_VARINT_BYTES + 3 * (campaignId.length() + creativeId.length())];
        int n = putString(out, putString(out, 0, campaignId), creativeId);
        return Arrays.copyOf(out, n);
    }

    /**
     * Writes the token of one bid to {@code out}.
     *
     * @param currency the bid's currency, 3 ASCII letters
     * @param exchange the exchange the bid went to, or null
     * @param campaignAndCreative the campaign's and creative's ids, from {@link #ids}
     * @param dealId the deal bid on, or null
     */
    public void write(ByteBuf out, long bidIdPrefix, long bidSequence, long bidTimeMillis, long bidPriceMicros,
            byte[] currency, String exchange, String requestId, String impId, byte[] campaignAndCreative,
            String dealId) {
        Scratch s = scratch.get();
        byte[] b = s.room(exchange, requestId, impId, dealId, campaignAndCreative.length);
        b[0] = NoticeToken.VERSION;
        b[1] = (byte) keyId;
        putInt(b, 2, (int) bidIdPrefix);
        putInt(b, 6, (int) (bidSequence >>> 16));
        b[10] = (byte) (bidSequence >>> 8);
        b[11] = (byte) bidSequence;
        putInt(b, 12, (int) (bidTimeMillis / 1000));
        int n = putVarint(b, NoticeToken.HEADER_BYTES, bidPriceMicros);
        System.arraycopy(currency, 0, b, n, NoticeToken.CURRENCY_BYTES);
        n = putString(b, n + NoticeToken.CURRENCY_BYTES, exchange);
        n = putString(b, n, requestId);
        n = putString(b, n, impId);
        System.arraycopy(campaignAndCreative, 0, b, n, campaignAndCreative.length);
        n = putString(b, n + campaignAndCreative.length, dealId);
        s.hmac.mac(b, 0, n, b, n, NoticeToken.MAC_BYTES);
        int signed = n + NoticeToken.MAC_BYTES;
        int end = WebSafeBase64.encode(b, 0, signed, s.charsFor(signed), 0);
        out.writeBytes(s.chars, 0, end);
    }

    /** The token of {@code bid}, as {@link #write} writes it: for the warm-up's notices and for tests. */
    public String token(SignedBid bid) {
        ByteBuf out = Unpooled.buffer(NoticeToken.MAX_CHARS);
        try {
            write(out, bid.bidIdPrefix(), bid.bidSequence(), bid.bidTimeSeconds() * 1000, bid.bidPriceMicros(),
                    bid.currency().getBytes(StandardCharsets.US_ASCII), bid.exchange(), bid.requestId(), bid.impId(),
                    ids(bid.campaignId(), bid.creativeId()), bid.dealId());
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int putVarint(byte[] b, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            b[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at] = (byte) v;
        return at + 1;
    }

    /** Writes {@code s} (null as empty) as its UTF-8 length and bytes; a lone surrogate as U+FFFD. */
    static int putString(byte[] b, int at, String s) {
        if (s == null) {
            b[at] = 0;
            return at + 1;
        }
        int length = s.length();
        if (length < 0x80) {
            // The usual id: short and ASCII, its length one byte and its bytes its characters, in one pass.
            int p = at + 1;
            int i = 0;
            for (; i < length; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                b[p++] = (byte) c;
            }
            if (i == length) {
                b[at] = (byte) length;
                return p;
            }
        }
        return putUtf8(b, at, s);
    }

    private static int putUtf8(byte[] b, int at, String s) {
        int length = s.length();
        int utf8 = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                utf8++;
            } else if (c < 0x800) {
                utf8 += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8 += 4;
                i++;
            } else {
                utf8 += 3;
            }
        }
        int p = putVarint(b, at, utf8);
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                // A lone surrogate is written U+FFFD, as a UTF-8 encoder writes it.
                char bmp = Character.isSurrogate(c) ? '\uFFFD' : c;
                b[p++] = (byte) (0xE0 | bmp >> 12);
                b[p++] = (byte) (0x80 | bmp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | bmp & 0x3F);
            }
        }
        return p;
    }

    /** One thread's MAC, token bytes and token characters. */
    private static final class Scratch {
        final HmacSha256 hmac;
        byte[] bytes = new byte[NoticeToken.MAX_BYTES];
        byte[] chars = new byte[NoticeToken.MAX_CHARS];

        Scratch(byte[] key) {
            hmac = new HmacSha256(key);
        }

        /**
         * The token array, grown (rarely: an id past 128 characters) to hold the longest token these values could
         * make, at three UTF-8 bytes a character.
         */
        byte[] room(String exchange, String requestId, String impId, String dealId, int idsBytes) {
            long most = NoticeToken.HEADER_BYTES + NoticeToken.MAX_VARINT_BYTES + NoticeToken.CURRENCY_BYTES
                    + idsBytes + NoticeToken.MAC_BYTES + 4 * NoticeToken.MAX_VARINT_BYTES
                    + 3L * (length(exchange) + length(requestId) + length(impId) + length(dealId));
            if (most > bytes.length) {
                bytes = new byte[(int) most];
            }
            return bytes;
        }

        /** The characters' array, grown with the bytes' when a token is past the usual longest. */
        byte[] charsFor(int bytes) {
            int needed = WebSafeBase64.encodedLength(bytes);
            if (needed > chars.length) {
                chars = new byte[needed];
            }
            return chars;
        }

        private static int length(String s) {
            return s == null ? 0 : s.length();
        }
    }
}
