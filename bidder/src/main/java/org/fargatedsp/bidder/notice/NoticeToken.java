package org.fargatedsp.bidder.notice;

import org.fargatedsp.bidder.campaign.Campaign;

/**
 * The layout of a notice token, version 1, shared by {@link NoticeSigner} and {@link NoticeVerifier}. Big-endian:
 *
 * <pre>
 *  0      version (1)
 *  1      key id ({@link NoticeSigningKeys#idOf})
 *  2..5   bid id prefix (32 bits)
 *  6..11  bid id sequence (48 bits)
 *  12..15 bid time, epoch seconds (unsigned)
 *  16..   bid price, CPM micros (unsigned LEB128 varint)
 *         currency (3 ASCII letters, ISO-4217)
 *         exchange, request id, impression id, campaign id, creative id, deal id: each a varint length and that
 *         many bytes of UTF-8; an empty exchange or deal is none
 *  last 16 bytes: HMAC-SHA256(key, every byte before them), truncated to 128 bits (RFC 2104, section 5)
 * </pre>
 *
 * written in web-safe base64 without padding ({@link WebSafeBase64}). The price the exchange cleared is not in it:
 * the exchange substitutes it for {@code ${AUCTION_PRICE}} in a parameter of its own.
 */
final class NoticeToken {
    static final int VERSION = 1;
    static final int HEADER_BYTES = 16;
    static final int MAC_BYTES = 16;
    static final int CURRENCY_BYTES = 3;
    /** The six strings after the currency. */
    static final int STRINGS = 6;
    /** The longest exchange name a bid path takes ({@code RequestRouter}). */
    static final int MAX_EXCHANGE_CHARS = 64;
    /** A varint of a long takes at most this many bytes. */
    static final int MAX_VARINT_BYTES = 10;
    /** The shortest token: empty strings, a one-byte price. */
    static final int MIN_BYTES = HEADER_BYTES + 1 + CURRENCY_BYTES + STRINGS + MAC_BYTES;
    /**
     * The longest token the verifier reads: every id at {@link Campaign#MAX_ID_CHARS} characters of three UTF-8
     * bytes each. A bid with a longer request or impression id gets a longer token, which is refused as its
     * notice would have been before tokens (a value is at most 128 characters).
     */
    static final int MAX_BYTES = HEADER_BYTES + MAX_VARINT_BYTES + CURRENCY_BYTES + 1 + MAX_EXCHANGE_CHARS
            + (STRINGS - 1) * (2 + 3 * Campaign.MAX_ID_CHARS) + MAC_BYTES;
    static final int MAX_CHARS = WebSafeBase64.encodedLength(MAX_BYTES);

    private NoticeToken() {}
}
