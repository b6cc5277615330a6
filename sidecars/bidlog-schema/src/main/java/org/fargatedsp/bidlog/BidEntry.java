package org.fargatedsp.bidlog;

/**
 * One bid of a {@link BidRecord}: which impression it was for, which campaign and creative won it inside the
 * bidder, and its price. The price is kept in micros of the currency unit so building one allocates no decimal;
 * the writer formats it as a CPM decimal.
 *
 * @param impId the OpenRTB {@code Imp.id} bid on
 * @param bidId the {@code Bid.id} the bidder sent
 * @param seat the {@code SeatBid.seat} the bid was made on behalf of, or null when the response carried none
 * @param campaignId the bidder's campaign id
 * @param creativeId the bidder's creative id ({@code Bid.crid})
 * @param dealId the {@code Bid.dealid}, or null for an open-auction bid
 * @param priceMicros the bid price ({@code Bid.price}, a CPM) in millionths of the currency unit
 * @param cur the ISO-4217 currency of the price ({@code BidResponse.cur})
 */
public record BidEntry(String impId, String bidId, String seat, String campaignId, String creativeId, String dealId,
                       long priceMicros, String cur) {
    /** Checks the fields the schema requires, so a record that is built can always be written. */
    public BidEntry {
        Require.nonNull(impId, "imp_id");
        Require.nonNull(bidId, "bid_id");
        Require.nonNull(campaignId, "campaign_id");
        Require.nonNull(creativeId, "creative_id");
        Require.nonNull(cur, "cur");
        if (priceMicros < 0) {
            throw new IllegalArgumentException("price must not be negative: " + priceMicros + " micros");
        }
    }
}
