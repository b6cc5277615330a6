package org.fargatedsp.bidder.notice;

import io.netty.util.concurrent.FastThreadLocal;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a {@link NoticeDedupe} remembers of a notice: 128 bits of SHA-256 over its type, bid id, impression id and
 * campaign, and nothing else, so a remembered notice costs the same few bytes however long its parameters were.
 *
 * <p>A cryptographic hash because bid ids are predictable (a prefix and a sequence, {@code BidIds}): a key must not
 * be made to collide with a bid's future billing notice, which would then be dropped as a repeat and its spend never
 * counted. Notices are signed, so their ids are ours; the hash also keeps that so in a store shared with other
 * tasks, where the key is all there is. Finding a collision of 128 bits of SHA-256 takes about 2^64 tries.
 */
public record NoticeKey(long high, long low) {
    /** The longest input: the type, then each of three values as its length and its UTF-16 code units. */
    private static final int MAX_INPUT_BYTES = 1 + 3 * (4 + 2 * NoticeParser.MAX_VALUE_CHARS);
    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    /** The key of {@code notice}, whose values the parser has bounded to {@link NoticeParser#MAX_VALUE_CHARS}. */
    public static NoticeKey of(Notice notice) {
        Scratch s = SCRATCH.get();
        byte[] in = s.input;
        in[0] = (byte) notice.type().ordinal();
        int n = put(in, 1, notice.bidId());
        n = put(in, n, notice.impId());
        n = put(in, n, notice.campaignId());
        s.digest.update(in, 0, n);
        try {
            s.digest.digest(s.output, 0, s.output.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 writes 32 bytes into a 32-byte array", e);
        }
        return new NoticeKey(longAt(s.output, 0), longAt(s.output, 8));
    }

    /** Writes {@code value}'s length and code units, so that no two different triples hash the same input. */
    private static int put(byte[] in, int at, String value) {
        int length = value.length();
        in[at] = (byte) (length >>> 24);
        in[at + 1] = (byte) (length >>> 16);
        in[at + 2] = (byte) (length >>> 8);
        in[at + 3] = (byte) length;
        int p = at + 4;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            in[p++] = (byte) (c >>> 8);
            in[p++] = (byte) c;
        }
        return p;
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    /** One event loop's digest and buffers: hashing a notice allocates nothing but its key. */
    private static final class Scratch {
        final MessageDigest digest;
        final byte[] input = new byte[MAX_INPUT_BYTES];
        final byte[] output = new byte[32];

        Scratch() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256 (MessageDigest)", e);
            }
        }
    }
}
