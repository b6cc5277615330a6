package org.fargatedsp.bidder.campaign;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An advertiser's campaign as the bidder uses it: what it advertises ({@code adomain}, {@code bundle},
 * {@code cat}), what it pays (a fixed CPM bid, and a daily and a total budget, in micros of the bidder's currency,
 * either {@link #NO_BUDGET}), the time zone its days begin and end in and how it paces its daily budget over them,
 * when it runs, where it may bid and with which creatives. Only campaigns whose {@code active} is true take part.
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
        long totalBudgetMicros,
        ZoneId timezone,
        Pacing pacing,
        long startMillis,
        long endMillis,
        boolean coppaAllowed,
        Targeting targeting,
        List<Creative> creatives) {

    /** {@link #dailyBudgetMicros} or {@link #totalBudgetMicros} of a campaign without that limit. */
    public static final long NO_BUDGET = Long.MAX_VALUE;
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
        timezone = timezone == null ? ZoneOffset.UTC : timezone;
        pacing = pacing == null ? Pacing.EVEN : pacing;
    }

    /** A campaign with a daily budget only, its days in UTC and evenly paced: the fields of the first file format. */
    public Campaign(String id, String name, boolean active, String seat, List<String> adomain, String bundle,
            List<String> cat, long bidMicros, long dailyBudgetMicros, long startMillis, long endMillis,
            boolean coppaAllowed, Targeting targeting, List<Creative> creatives) {
        this(id, name, active, seat, adomain, bundle, cat, bidMicros, dailyBudgetMicros, NO_BUDGET, ZoneOffset.UTC,
                Pacing.EVEN, startMillis, endMillis, coppaAllowed, targeting, creatives);
    }

    /** Whether a daily or a total budget limits what the campaign spends. */
    public boolean budgeted() {
        return dailyBudgetMicros != NO_BUDGET || totalBudgetMicros != NO_BUDGET;
    }

    /** True while the flight runs: from {@code startMillis} inclusive to {@code endMillis} exclusive. */
    public boolean inFlight(long nowMillis) {
        return nowMillis >= startMillis && nowMillis < endMillis;
    }
}
