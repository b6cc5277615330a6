package org.fargatedsp.bidder.notice;

/**
 * Where billed impressions add to their campaign's spend. Today's is {@link LedgerSpendSink}, the task's own
 * {@code BudgetLedger}; a fleet-wide one counts against the budget lease the task holds. It is called on the event
 * loop, or on a fleet-wide dedupe's thread, and must not block: a round trip to a store happens off that thread.
 */
@FunctionalInterface
public interface SpendSink {
    /**
     * Adds {@code micros} to {@code campaignId}'s spend for the day of {@code nowMillis}.
     *
     * @param micros what one billed impression cost, in micros of the bidder's currency
     * @return what was counted: {@code micros}, or 0 for a campaign the sink does not know
     */
    long spend(String campaignId, long micros, long nowMillis);
}
