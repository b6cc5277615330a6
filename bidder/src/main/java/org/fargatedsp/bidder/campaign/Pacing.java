package org.fargatedsp.bidder.campaign;

import java.util.Locale;

/** How a campaign spreads its daily budget over its day (README, "Budgets and pacing"). */
public enum Pacing {
    /** The budget allowed by an instant grows with the share of the day gone, plus a small burst. */
    EVEN,
    /** All of the day's budget may be spent as soon as the day begins. */
    ASAP;

    /** The name the campaign file uses. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
