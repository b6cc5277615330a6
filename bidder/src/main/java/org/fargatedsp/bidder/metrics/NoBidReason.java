package org.fargatedsp.bidder.metrics;

/**
 * Why the bidder did not bid; {@link #code()} is both the {@code reason} tag of {@code dsp.bidder.requests} and the
 * {@code reason} field of the bid log's no-bid records.
 */
public enum NoBidReason {
    /** No campaign's targeting matched any impression. */
    NO_MATCH("no_match"),
    /** Every matching campaign's price was below the impression's (or deal's) floor. */
    BELOW_FLOOR("below_floor"),
    /** The request blocked every matching creative (bcat, badv, battr, bapp). */
    BLOCKED("blocked"),
    /** The exchange's deadline ({@code tmax}) left no time to answer. */
    DEADLINE("deadline"),
    /** The bidder shed load to keep its latency. */
    OVERLOADED("overloaded"),
    /** The request allowed no currency the bidder bids in. */
    CURRENCY("currency"),
    /** Every matching campaign was out of budget. */
    BUDGET("budget"),
    /** No campaign snapshot is loaded yet. */
    NO_CAMPAIGNS("no_campaigns"),
    /** The request asked for something the bidder does not bid on (no supported impression type). */
    UNSUPPORTED("unsupported");

    private final String code;

    NoBidReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
