package org.fargatedsp.bidder.notice;

/**
 * A win, billing or loss notice as the exchange called it: the bid its token signs, and the price and loss reason
 * the exchange substituted (README, "Notices"). Prices are CPM in micros of {@code currency}, the bid's; -1 where
 * the notice has none. {@code dealId} and {@code exchange} are null when the bid had none.
 */
public record Notice(
        Type type,
        String bidId,
        String requestId,
        String impId,
        String campaignId,
        String creativeId,
        String dealId,
        String exchange,
        String currency,
        long bidPriceMicros,
        long priceMicros,
        int lossReason,
        long bidTimeMillis) {

    /** The three notices of OpenRTB: {@code nurl}, {@code burl} and {@code lurl} (spec 4.2.3). */
    public enum Type {
        WIN("win"),
        BILLING("billing"),
        LOSS("loss");

        private final String tag;

        Type(String tag) {
            this.tag = tag;
        }

        /** The value used in paths, metric tags and the bid log. */
        public String tag() {
            return tag;
        }
    }
}
