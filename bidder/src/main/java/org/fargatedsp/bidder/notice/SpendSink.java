package org.fargatedsp.bidder.notice;

/**
 * Where billed impressions add to their campaign's spend: the {@code BudgetLedger}'s budgets, counted in this task
 * or, with {@code BUDGET_TABLE}, flushed to the fleet's budget table. It is called on the event loop, or on a
 * fleet-wide dedupe's thread, and must not block: a round trip to a store happens off that thread.
 */
@FunctionalInterface
public interface SpendSink {
    /**
     * Adds {@code micros} to {@code campaignId}'s spend for the day of {@code atMillis}: the bid's time, so that
     * the spend lands on the day whose budget the bid was placed against.
     *
     * @param micros what one billed impression cost, in micros of the bidder's currency
     * @return what was counted: {@code micros}, or 0 for a campaign the sink does not know
     */
    long spend(String campaignId, long micros, long atMillis);
}
