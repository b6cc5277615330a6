package org.fargatedsp.bidder.auction;

import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.fargatedsp.bidder.openrtb.JsonBytes;

/**
 * Unique bid ids without coordination between tasks: a random 32-bit prefix drawn at start, then a 48-bit
 * sequence, written as 20 hex digits. Two tasks collide only if they draw the same prefix and reach the same
 * sequence number; a task would need to place 2^48 bids to wrap.
 */
public final class BidIds {
    private final long prefix;
    private final byte[] prefixHex = new byte[8];
    private final AtomicLong sequence = new AtomicLong();

    public BidIds() {
        this(new SecureRandom().nextInt() & 0xFFFFFFFFL);
    }

    BidIds(long prefix) {
        this.prefix = prefix;
        for (int i = 0; i < 8; i++) {
            prefixHex[i] = HEX[(int) (prefix >>> ((7 - i) * 4)) & 0xF];
        }
    }

    /** The random 32-bit prefix of every id, which notice tokens carry with the sequence number. */
    long prefix() {
        return prefix;
    }

    /** Reserves {@code count} consecutive sequence numbers and returns the first. */
    public long reserve(int count) {
        return sequence.getAndAdd(count);
    }

    /** Writes the id of sequence number {@code seq}. */
    public void write(ByteBuf out, long seq) {
        out.writeBytes(prefixHex);
        JsonBytes.hex(out, seq & 0xFFFF_FFFF_FFFFL, 12);
    }

    /** The id of sequence number {@code seq} as a string, as {@link #write} writes it; for the bid log. */
    public String id(long seq) {
        byte[] hex = new byte[20];
        long low = seq & 0xFFFF_FFFF_FFFFL;
        for (int i = 0; i < 8; i++) {
            hex[i] = HEX[(int) (prefix >>> ((7 - i) * 4)) & 0xF];
        }
        for (int i = 0; i < 12; i++) {
            hex[8 + i] = HEX[(int) (low >>> ((11 - i) * 4)) & 0xF];
        }
        return new String(hex, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
