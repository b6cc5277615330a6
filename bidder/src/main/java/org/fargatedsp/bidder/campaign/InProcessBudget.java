package org.fargatedsp.bidder.campaign;

/**
 * A campaign's budget counted in this task alone, from the billing notices that reach it: the spend of the
 * campaign's current day (in its time zone) against its daily budget as paced, and everything since the task
 * started against its total budget. Used when no {@code BUDGET_TABLE} is set, for local runs: N tasks may then
 * spend N times the budget.
 *
 * <p>{@link #allows} is volatile loads and arithmetic; it allocates once a day, when it finds the day over.
 * Bids already placed but not yet billed can overshoot the budget by at most what they win.
 */
public final class InProcessBudget extends CampaignBudget {
    private final int burstPercent;
    private volatile Campaign campaign;
    private volatile BudgetDay day;
    private volatile long spentToday;
    private volatile long spentTotal;

    /** @param burstPercent the share of the daily budget even pacing allows ahead of its curve */
    public InProcessBudget(Campaign campaign, int burstPercent) {
        super(campaign.id());
        this.burstPercent = burstPercent;
        this.campaign = campaign;
        this.day = BudgetDay.of(campaign.timezone(), 0);
    }

    @Override
    public boolean allows(long costMicros, long nowMillis) {
        Campaign c = campaign;
        if (spentTotal >= c.totalBudgetMicros()) {
            return false;
        }
        if (c.dailyBudgetMicros() == Campaign.NO_BUDGET) {
            return true;
        }
        BudgetDay d = day;
        if (!d.contains(nowMillis)) {
            d = dayOf(nowMillis);
        }
        return spentToday < d.allowed(c.dailyBudgetMicros(), c.pacing(), nowMillis, burstPercent);
    }

    @Override
    public boolean take(long costMicros, long nowMillis) {
        return allows(costMicros, nowMillis);
    }

    @Override
    public synchronized long spend(long micros, long atMillis) {
        BudgetDay d = day;
        if (d.contains(atMillis)) {
            spentToday += micros;
        } else if (atMillis >= d.endMillis()) {
            dayOf(atMillis);
            spentToday = micros;
        }
        // A bid of a day before the one counted spends nothing of today's budget, but still of the total.
        spentTotal += micros;
        return micros;
    }

    /** Spend counted on the day of {@code atMillis}: 0 for a day this budget no longer (or not yet) counts. */
    public long spentMicros(long atMillis) {
        return day.contains(atMillis) ? spentToday : 0;
    }

    /** Spend counted since the task started. */
    public long spentTotalMicros() {
        return spentTotal;
    }

    @Override
    protected synchronized void update(Campaign next) {
        boolean rezoned = !next.timezone().equals(campaign.timezone());
        campaign = next;
        if (rezoned) {
            day = BudgetDay.of(next.timezone(), day.startMillis());
        }
    }

    @Override
    public String refusal(long nowMillis, String currency) {
        Campaign c = campaign;
        if (spentTotal >= c.totalBudgetMicros()) {
            return "has spent " + money(spentTotal) + " " + currency + " of its total budget of "
                    + money(c.totalBudgetMicros()) + " since this task started";
        }
        long spent = spentMicros(nowMillis);
        BudgetDay d = day.contains(nowMillis) ? day : BudgetDay.of(c.timezone(), nowMillis);
        long allowed = d.allowed(c.dailyBudgetMicros(), c.pacing(), nowMillis, burstPercent);
        String paced = spent < c.dailyBudgetMicros() ? " of the " + money(allowed) + " that " + c.pacing().tag()
                + " pacing allows by now out of" : " of";
        return "has spent " + money(spent) + paced + " its daily budget of " + money(c.dailyBudgetMicros()) + " "
                + currency + " on " + d.date() + " (" + d.zoneName() + ")";
    }

    /** Moves to the day of {@code atMillis}, with nothing spent yet, unless another thread did. */
    private synchronized BudgetDay dayOf(long atMillis) {
        BudgetDay d = day;
        if (!d.contains(atMillis)) {
            d = BudgetDay.of(campaign.timezone(), atMillis);
            spentToday = 0;
            day = d;
        }
        return d;
    }
}
