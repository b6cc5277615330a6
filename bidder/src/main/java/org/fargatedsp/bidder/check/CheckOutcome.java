package org.fargatedsp.bidder.check;

/** What a bid check found, for its own counter: never counted as a bid request. */
public enum CheckOutcome {
    /** The bidder would have bid. */
    BID("bid"),
    /** The bidder would have answered 204. */
    NOBID("nobid"),
    /** The bidder would have refused the request (400, 413 or 415). */
    INVALID("invalid");

    private final String tag;

    CheckOutcome(String tag) {
        this.tag = tag;
    }

    /** The {@code outcome} tag of {@code dsp.bidder.bid_checks}. */
    public String tag() {
        return tag;
    }
}
