package org.fargatedsp.bidder.notice;

/**
 * A win, billing or loss notice as the exchange called it, parsed from the URL the bid carried (README,
 * "Notices"). Prices are CPM in micros; -1 where the notice has none.
 */
public record Notice(
        Type type,
        String bidId,
        String requestId,
        String impId,
        String campaignId,
        String creativeId,
        String dealId,
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
