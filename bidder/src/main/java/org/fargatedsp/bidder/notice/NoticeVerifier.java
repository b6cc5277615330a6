package org.fargatedsp.bidder.notice;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;

/**
 * Checks a notice token ({@link NoticeToken}) and reads the bid it signs, or says why it cannot be trusted: a
 * {@link NoticeRejectedException} whose reason is {@code truncated}, {@code tampered}, {@code unknown_key} or
 * {@code expired}. The MAC is checked before any field is believed, by the key the token names and in constant
 * time; only a token whose MAC fails is read further, to tell a cut token from an altered one. Thread-safe.
 */
final class NoticeVerifier {
    private final byte[][] keys;
    private final int[] keyIds;
    private final long maxAgeMs;
    private final FastThreadLocal<Scratch> scratch = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch(keys);
        }
    };

    /** @param maxAgeMs how old a bid may be for its notice to be taken: the dedupe window */
    NoticeVerifier(NoticeSigningKeys signing, long maxAgeMs) {
        this.keys = signing.previous() == null ? new byte[][] {signing.current()}
                : new byte[][] {signing.current(), signing.previous()};
        this.keyIds = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keyIds[i] = NoticeSigningKeys.idOf(keys[i]);
        }
        this.maxAgeMs = maxAgeMs;
    }

    /** The bid {@code token} signs, if it is the bidder's, unaltered and within the window at {@code nowMillis}. */
    SignedBid verify(String token, long nowMillis) {
        Scratch s = scratch.get();
        byte[] b = s.bytes;
        int n = token.length() > NoticeToken.MAX_CHARS ? WebSafeBase64.INVALID : WebSafeBase64.decode(token, b);
        if (n == WebSafeBase64.IMPOSSIBLE_LENGTH || n == WebSafeBase64.STRAY_BITS
                || (n >= 0 && n < NoticeToken.MIN_BYTES)) {
            throw new NoticeRejectedException(NoticeRejection.TRUNCATED, "the notice token is cut short");
        }
        if (n < 0 || b[0] != NoticeToken.VERSION) {
            throw new NoticeRejectedException(NoticeRejection.TAMPERED, "the notice token is not one this bidder"
                    + " writes");
        }
        int signed = n - NoticeToken.MAC_BYTES;
        boolean knownKey = false;
        for (int k = 0; k < keys.length; k++) {
            if (keyIds[k] == (b[1] & 0xFF)) {
                knownKey = true;
                s.hmacs[k].mac(b, 0, signed, s.mac, 0, NoticeToken.MAC_BYTES);
                if (HmacSha256.constantTimeEquals(s.mac, 0, b, signed, NoticeToken.MAC_BYTES)) {
                    return read(b, signed, nowMillis);
                }
            }
        }
        if (!knownKey) {
            throw new NoticeRejectedException(NoticeRejection.UNKNOWN_KEY, "the notice token is signed with a key"
                    + " this bidder does not hold (neither NOTICE_SIGNING_KEY nor NOTICE_SIGNING_KEY_PREVIOUS)");
        }
        // A token cut anywhere leaves fewer bytes than its fields say they take; an altered one is whole.
        Fields fields = new Fields(b, signed);
        fields.skipAll();
        throw fields.overran && !fields.malformed
                ? new NoticeRejectedException(NoticeRejection.TRUNCATED, "the notice token is cut short")
                : new NoticeRejectedException(NoticeRejection.TAMPERED, "the notice token does not match its"
                        + " signature");
    }

    private SignedBid read(byte[] b, int signed, long nowMillis) {
        Fields f = new Fields(b, signed);
        long prefix = f.unsigned(4);
        long sequence = f.unsigned(6);
        long seconds = f.unsigned(4);
        long price = f.varint();
        String currency = f.ascii(NoticeToken.CURRENCY_BYTES);
        String exchange = f.string();
        String requestId = f.string();
        String impId = f.string();
        String campaignId = f.string();
        String creativeId = f.string();
        String dealId = f.string();
        if (f.overran || f.malformed || f.at != signed) {
            // Signed with our key but not in our layout: a bug, or a key that leaked. Either way, not taken.
            throw new NoticeRejectedException(NoticeRejection.TAMPERED, "the notice token is not one this bidder"
                    + " writes");
        }
        if (nowMillis - seconds * 1000 > maxAgeMs) {
            throw new NoticeRejectedException(NoticeRejection.EXPIRED, "the bid is older than the " + maxAgeMs
                    + " ms notice window (NOTICE_DEDUPE_TTL_MS)");
        }
        return new SignedBid(prefix, sequence, seconds, price, currency, emptyAsNull(exchange), requestId, impId,
                campaignId, creativeId, emptyAsNull(dealId));
    }

    private static String emptyAsNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** Reads the fields after the version and key id; past {@code end} it reads zeros and sets {@link #overran}. */
    private static final class Fields {
        private final byte[] b;
        private final int end;
        int at = 2;
        boolean overran;
        /** A varint longer than ten bytes: not one the signer writes. */
        boolean malformed;

        Fields(byte[] b, int end) {
            this.b = b;
            this.end = end;
        }

        void skipAll() {
            unsigned(NoticeToken.HEADER_BYTES - 2);
            varint();
            ascii(NoticeToken.CURRENCY_BYTES);
            for (int i = 0; i < NoticeToken.STRINGS && !overran && !malformed; i++) {
                string();
            }
        }

        long unsigned(int bytes) {
            if (!room(bytes)) {
                return 0;
            }
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = v << 8 | (b[at++] & 0xFF);
            }
            return v;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (!room(1)) {
                    return 0;
                }
                int next = b[at++];
                v |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return v;
                }
            }
            malformed = true;
            return 0;
        }

        String ascii(int bytes) {
            if (!room(bytes)) {
                return "";
            }
            at += bytes;
            return new String(b, at - bytes, bytes, StandardCharsets.US_ASCII);
        }

        String string() {
            long length = varint();
            if (malformed || !room(length)) {
                return "";
            }
            at += (int) length;
            return new String(b, at - (int) length, (int) length, StandardCharsets.UTF_8);
        }

        private boolean room(long bytes) {
            if (overran || bytes > end - at) {
                overran = true;
                return false;
            }
            return true;
        }
    }

    /** One thread's MACs (one per key) and decoding buffer. */
    private static final class Scratch {
        final HmacSha256[] hmacs;
        final byte[] bytes = new byte[NoticeToken.MAX_BYTES];
        final byte[] mac = new byte[NoticeToken.MAC_BYTES];

        Scratch(byte[][] keys) {
            hmacs = new HmacSha256[keys.length];
            for (int i = 0; i < keys.length; i++) {
                hmacs[i] = new HmacSha256(keys[i]);
            }
        }
    }
}
