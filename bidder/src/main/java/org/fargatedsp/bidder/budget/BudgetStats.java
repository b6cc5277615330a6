package org.fargatedsp.bidder.budget;

/** What the metrics read of the fleet's budgets and notice claims; amounts in micros of the bidder's currency. */
public interface BudgetStats {
    /** Whether the budget table was out of reach at the last tick. */
    boolean tableFailing();

    /** Billed spend received and not yet written to the budget table. */
    long unflushedMicros();

    /** Spend of billing notices that came after their bid's price was no longer held. */
    long lateSpendMicros();

    /** Notices counted by this task's dedupe alone, the notice table being out of reach. */
    long dedupeFallbacks();
}
