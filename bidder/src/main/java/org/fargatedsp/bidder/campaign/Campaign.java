package org.fargatedsp.bidder.campaign;

import java.util.List;

/**
 * An advertiser's campaign as the bidder uses it: what it advertises ({@code adomain}, {@code bundle},
 * {@code cat}), what it pays (a fixed CPM bid and a daily budget, both in micros of the bidder's currency), when
 * it runs, where it may bid and with which creatives. Only campaigns whose {@code active} is true take part.
 * Every campaign bids as some seat: one given none bids as {@link #DEFAULT_SEAT}.
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
    /** The seat of a campaign that names none when the bidder's {@code SEAT} is not set either. */
    public static final String DEFAULT_SEAT = "fargate-dsp";
    /** What a seat may be, in the campaign file and in {@code SEAT}: 1 to 64 characters, none a control character. */
    public static final String SEAT_PATTERN = "[^\\p{Cntrl}]{1,64}";
    /** The longest campaign or creative id: both travel in notice URLs, whose values are held to this length. */
    public static final int MAX_ID_CHARS = 128;

    public Campaign {
        seat = seat == null || seat.isBlank() ? DEFAULT_SEAT : seat;
        adomain = List.copyOf(adomain);
        cat = List.copyOf(cat);
        creatives = List.copyOf(creatives);
    }

    /** True while the flight runs: from {@code startMillis} inclusive to {@code endMillis} exclusive. */
    public boolean inFlight(long nowMillis) {
        return nowMillis >= startMillis && nowMillis < endMillis;
    }
}
