package org.fargatedsp.bidder.auction;

/**
 * Why a request got no bid. Kept for metrics and the bid log; the SSP only ever sees a 204 (spec 2.5, 2.1).
 * Declared in order of precedence: when several apply, the auction reports the one listed last, because it is
 * the closest miss.
 */
public enum NoBidReason {
    /** No campaign targets this traffic (or none is in flight). */
    NO_MATCH("no_match"),
    /**
     * A field the auction needs could not be read ({@code Imp.unbiddable}, or {@code BidRequest.unbiddable} for
     * every impression): the bidder does not guess what it meant, and bids on none of what it decides.
     */
    UNBIDDABLE("unbiddable"),
    /** A campaign matched but a block list of the request (bcat, badv, bapp, battr) or the campaign excluded it. */
    BLOCKED("blocked"),
    /** A campaign matched but its daily budget is spent. */
    BUDGET("budget"),
    /** A campaign matched but bid below the floor (the deal floor on a deal). */
    BELOW_FLOOR("below_floor"),
    /** The request allows no currency the bidder bids in, or its floor is in a currency it cannot convert. */
    CURRENCY("currency"),
    /** GDPR applies and the request carries no consent string. */
    NO_CONSENT("no_consent"),
    /** The request's deadline (tmax less the network margin) passed before an answer was ready. */
    DEADLINE("deadline"),
    /** The server shed the request because its event loop is behind. */
    OVERLOADED("overloaded");

    private final String tag;

    NoBidReason(String tag) {
        this.tag = tag;
    }

    /** The value used as a metric tag and in the bid log. */
    public String tag() {
        return tag;
    }
}
