package org.fargatedsp.bidder.metrics;

/**
 * Why the bidder did not bid; {@link #tag()} is both the {@code reason} tag of {@code dsp.bidder.requests} and the
 * {@code reason} field of the bid log's no-bid records. Same constants, order and tags as the auction's
 * {@code org.fargatedsp.bidder.auction.NoBidReason}, so one maps onto the other by ordinal.
 */
public enum NoBidReason {
    /** No campaign targets this traffic (or none is in flight). */
    NO_MATCH("no_match"),
    /** A block list of the request (bcat, badv, bapp, battr) or the campaign excluded every match. */
    BLOCKED("blocked"),
    /** Every matching campaign's budget is spent. */
    BUDGET("budget"),
    /** Every matching campaign bid below the floor (the deal floor on a deal). */
    BELOW_FLOOR("below_floor"),
    /** The request allows no currency the bidder bids in, or its floor is in a currency it cannot convert. */
    CURRENCY("currency"),
    /** GDPR applies and the request carries no consent string. */
    NO_CONSENT("no_consent"),
    /** The request's deadline passed before an answer was ready. */
    DEADLINE("deadline"),
    /** The server shed the request because its event loop is behind. */
    OVERLOADED("overloaded");

    private final String tag;

    NoBidReason(String tag) {
        this.tag = tag;
    }

    /** The metric tag value and bid-log reason code. */
    public String tag() {
        return tag;
    }
}
