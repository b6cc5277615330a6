package org.fargatedsp.bidder.campaign;

import java.util.List;

/**
 * An advertiser's campaign as the bidder uses it: what it advertises ({@code adomain}, {@code bundle},
 * {@code cat}), what it pays (a fixed CPM bid and a daily budget, both in micros of the bidder's currency), when
 * it runs, where it may bid and with which creatives. Only campaigns whose {@code active} is true take part.
 */
public record Campaign(
        String id,
        String name,
        boolean active,
        String seat,
        List<String> adomain,
        String bundle,
        List<String> cat,
        long bidMicros,
        long dailyBudgetMicros,
        long startMillis,
        long endMillis,
        boolean coppaAllowed,
        Targeting targeting,
        List<Creative> creatives) {

    /** {@link #endMillis} of a campaign without an end date. */
    public static final long NO_END = Long.MAX_VALUE;

    public Campaign {
        adomain = List.copyOf(adomain);
        cat = List.copyOf(cat);
        creatives = List.copyOf(creatives);
    }

    /** True while the flight runs: from {@code startMillis} inclusive to {@code endMillis} exclusive. */
    public boolean inFlight(long nowMillis) {
        return nowMillis >= startMillis && nowMillis < endMillis;
    }
}
