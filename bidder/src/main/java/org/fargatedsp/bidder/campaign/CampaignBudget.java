package org.fargatedsp.bidder.campaign;

import java.math.BigDecimal;

/**
 * What one campaign may still spend, asked on the request path: {@link #allows} for each candidate bid and
 * {@link #take} for each bid placed, both without allocating or waiting. {@link InProcessBudget} counts this task's
 * billing notices against the campaign's budgets; a fleet-wide one ({@code org.fargatedsp.bidder.budget}) holds a
 * lease of budget granted by a shared store. Amounts are micros of the bidder's currency.
 */
public abstract class CampaignBudget {
    private final String campaignId;

    protected CampaignBudget(String campaignId) {
        this.campaignId = campaignId;
    }

    public final String campaignId() {
        return campaignId;
    }

    /** Whether a bid that can cost up to {@code costMicros} may be placed at {@code nowMillis}. */
    public abstract boolean allows(long costMicros, long nowMillis);

    /**
     * Takes {@code costMicros} for a bid being placed, if {@link #allows} still holds (another event loop may have
     * taken the rest meanwhile); a budget that counts only billed spend takes nothing.
     */
    public abstract boolean take(long costMicros, long nowMillis);

    /**
     * Adds one billed impression's cost to the spend of the day of {@code atMillis}, the bid's time; never blocks.
     *
     * @return what was counted
     */
    public abstract long spend(long micros, long atMillis);

    /** Follows a reload of the campaign: its budgets, time zone or pacing may have changed. */
    protected abstract void update(Campaign campaign);

    /** Why {@link #allows} refuses at {@code nowMillis}, for people (the bid check), amounts in {@code currency}. */
    public abstract String refusal(long nowMillis, String currency);

    /** The most one impression of a bid at {@code cpmMicros} costs: a thousandth of the CPM, rounded up. */
    public static long impressionCost(long cpmMicros) {
        return (cpmMicros + 999) / 1000;
    }

    /** Micros as an amount for people: {@code 1.5} for 1,500,000, at least two decimals. */
    public static String money(long micros) {
        BigDecimal value = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return (value.scale() < 2 ? value.setScale(2) : value).toPlainString();
    }
}
