package org.fargatedsp.bidder.notice;

import java.net.URI;
import java.util.HexFormat;
import java.util.Map;

/**
 * Signed notices for tests, made with the bidder's own {@link NoticeSigner}: keys of fixed bytes whose ids differ,
 * the secrets a test bidder is configured with, and bids to sign.
 */
public final class TestNotices {
    /** Three keys with three different ids, in hex as {@code NOTICE_SIGNING_KEY} takes them. */
    public static final String KEY_A = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
    public static final String KEY_B = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";
    public static final String KEY_C = "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3";

    private TestNotices() {}

    /** Signs with {@code current}, accepting {@code previous} (null for none) too. */
    public static NoticeSecrets secrets(String current, String previous, Map<String, EncryptedPrice> prices) {
        return new NoticeSecrets(NoticeSigningKeys.of(key(current), previous == null ? null : key(previous)), prices);
    }

    public static NoticeSigner signer(String key) {
        return new NoticeSigner(NoticeSigningKeys.of(key(key), null));
    }

    public static byte[] key(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** A bid of campaign {@code campaignId} at {@code bidPriceMicros}, placed at {@code bidTimeMillis}. */
    public static SignedBid bid(long sequence, String campaignId, long bidPriceMicros, long bidTimeMillis) {
        return new SignedBid(0xabcdef01L, sequence, bidTimeMillis / 1000, bidPriceMicros, "USD", null, "req-1", "1",
                campaignId, campaignId + "-300x250", null);
    }

    /** {@code bid} as it went to {@code exchange}. */
    public static SignedBid through(SignedBid bid, String exchange) {
        return new SignedBid(bid.bidIdPrefix(), bid.bidSequence(), bid.bidTimeSeconds(), bid.bidPriceMicros(),
                bid.currency(), exchange, bid.requestId(), bid.impId(), bid.campaignId(), bid.creativeId(),
                bid.dealId());
    }

    /** The path and query of a notice of {@code type} for {@code bid}, with {@code rest} after the token. */
    public static String uri(NoticeSigner signer, Notice.Type type, SignedBid bid, String rest) {
        return "/notice/" + type.tag() + "?tk=" + signer.token(bid) + rest;
    }

    /** {@code token} with the character at {@code at} changed, to another of the alphabet. */
    public static String changedAt(String token, int at) {
        return token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    /** The token of a notice URL, as the bid response wrote it. */
    public static String token(String url) {
        String query = URI.create(url.replace("${", "%24%7B").replace("}", "%7D")).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("tk=")) {
                return pair.substring(3);
            }
        }
        throw new IllegalArgumentException("no token in " + url);
    }

    /** What {@code token} holds, if {@code key} signed it. */
    public static SignedBid read(String key, String token) {
        return new NoticeVerifier(NoticeSigningKeys.of(key(key), null), Long.MAX_VALUE).verify(token, 0);
    }
}
