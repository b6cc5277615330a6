package org.fargatedsp.bidlog;

/** What the bidder answered to a bid request. */
public enum Outcome {
    /** At least one bid was returned (HTTP 200 with a bid response). */
    BID("bid"),
    /** No bid was returned (HTTP 204, OpenRTB 2.6 section 4.1); the record's {@code reason} says why. */
    NOBID("nobid");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    /** The value written in the {@code outcome} field. */
    public String code() {
        return code;
    }

    /** The outcome written as {@code code}, or null when no outcome has that code. */
    public static Outcome fromCode(String code) {
        for (Outcome o : values()) {
            if (o.code.equals(code)) {
                return o;
            }
        }
        return null;
    }
}
