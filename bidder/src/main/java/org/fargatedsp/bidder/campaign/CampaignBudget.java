package org.fargatedsp.bidder.campaign;

/**
 * What one campaign has spent today (UTC), in micros of the bidder's currency, against its daily budget.
 *
 * <p>Reads happen on every candidate bid, writes on every billing notice: reads are two volatile loads, writes are
 * synchronized. Spend is counted per task; bids already placed but not yet billed can overshoot the budget by at
 * most what they win.
 */
public final class CampaignBudget {
    private final String campaignId;
    private volatile long dailyBudgetMicros;
    private volatile int day = -1;
    private volatile long spentMicros;

    CampaignBudget(String campaignId, long dailyBudgetMicros) {
        this.campaignId = campaignId;
        this.dailyBudgetMicros = dailyBudgetMicros;
    }

    public String campaignId() {
        return campaignId;
    }

    void setDailyBudget(long micros) {
        this.dailyBudgetMicros = micros;
    }

    /** True when today's spend has reached the daily budget. */
    public boolean exhausted(int today) {
        return day == today && spentMicros >= dailyBudgetMicros;
    }

    /** Spend recorded for {@code today}; 0 on a day without spend. */
    public long spentMicros(int today) {
        return day == today ? spentMicros : 0;
    }

    /** Adds {@code micros} to {@code today}'s spend, starting afresh on a new day. */
    public synchronized void spend(int today, long micros) {
        if (day != today) {
            spentMicros = 0;
            day = today;
        }
        spentMicros += micros;
    }

    /** The UTC day number of an epoch-millisecond instant. */
    public static int day(long epochMillis) {
        return (int) Math.floorDiv(epochMillis, 86_400_000L);
    }
}
