package org.fargatedsp.bidder.notice;

/**
 * What a notice token holds: the facts of one bid as the bidder placed and signed them (README, "Notices"). The
 * bid id is the 32-bit prefix and 48-bit sequence of {@code BidIds}; prices are CPM in micros of
 * {@code currency}; {@code exchange} and {@code dealId} are null when the bid had none.
 */
public record SignedBid(
        long bidIdPrefix,
        long bidSequence,
        long bidTimeSeconds,
        long bidPriceMicros,
        String currency,
        String exchange,
        String requestId,
        String impId,
        String campaignId,
        String creativeId,
        String dealId) {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The bid id as the bid response wrote it: the prefix in 8 hex digits, then the sequence in 12. */
    public String bidId() {
        char[] id = new char[20];
        for (int i = 0; i < 8; i++) {
            id[i] = HEX[(int) (bidIdPrefix >>> ((7 - i) * 4)) & 0xF];
        }
        for (int i = 0; i < 12; i++) {
            id[8 + i] = HEX[(int) (bidSequence >>> ((11 - i) * 4)) & 0xF];
        }
        return new String(id);
    }
}
