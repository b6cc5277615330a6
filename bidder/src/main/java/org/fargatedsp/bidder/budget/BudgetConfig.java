package org.fargatedsp.bidder.budget;

import java.time.Duration;
import java.util.List;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;

/**
 * Settings of budgets and pacing (README, "Budgets and pacing"): in-process budgets when {@code BUDGET_TABLE} is
 * unset, else leases from the fleet's budget table, and the notice table that dedupes notices across tasks.
 *
 * @param table the budget table, or null for budgets counted in each task
 * @param noticeTable the table notices are claimed in across tasks, or null for the task's own dedupe
 * @param flushMs how often the lease keeper flushes spend, returns exposure and asks for leases
 * @param leaseTtlMs how long a lease lives unless renewed; a dead task's lease returns to the pool after it
 * @param bidWindowMs how long a bid's price stays held in its task's lease, for its billing notice to arrive
 * @param sliceTargetMs how long a lease should last at the campaign's recent rate
 * @param sliceMinMicros the smallest lease asked for
 * @param sliceMaxPercent the largest lease asked for, in percent of the campaign's smaller budget
 * @param burstPercent how far even pacing lets spend run ahead of its curve, in percent of the daily budget
 */
public record BudgetConfig(String table, String noticeTable, long flushMs, long leaseTtlMs, long bidWindowMs,
        long sliceTargetMs, long sliceMinMicros, int sliceMaxPercent, int burstPercent) {

    private static final String TABLE_NAME = "[a-zA-Z0-9_.-]{3,255}";
    private static final String TABLE_REASON = "must be a DynamoDB table name: 3 to 255 letters, digits, _ - or .";

    public static final Key<String> TABLE = Key.string("BUDGET_TABLE", TABLE_NAME, TABLE_REASON)
            .documentedDefault("unset: each task counts its own")
            .doc("The DynamoDB table that holds every campaign's spend and the tasks' leases of budget"
                    + " ([budgets and pacing](#budgets-and-pacing)), reached through the `AWS_` settings. Unset, each"
                    + " task counts the billing notices it receives, for local runs.");
    public static final Key<String> NOTICE_TABLE = Key.string("NOTICE_DEDUPE_TABLE", TABLE_NAME, TABLE_REASON)
            .documentedDefault("`BUDGET_TABLE`")
            .doc("The DynamoDB table in which notices are claimed with a conditional put, so that a notice is"
                    + " counted once across the fleet ([notices](#notices)); may be the budget table. Unset with"
                    + " `BUDGET_TABLE` unset: each task's own dedupe.");
    public static final Key<Duration> FLUSH_MS = Key.duration("BUDGET_FLUSH_MS", Duration.ofMillis(10),
            Duration.ofMinutes(1)).byDefault(Duration.ofSeconds(1))
            .doc("How often each task writes its billed spend and returned budget to `BUDGET_TABLE` and asks for"
                    + " new leases, off the request path.");
    public static final Key<Duration> LEASE_TTL_MS = Key.duration("BUDGET_LEASE_TTL_MS", Duration.ofSeconds(1),
            Duration.ofHours(1)).byDefault(Duration.ofMinutes(3))
            .doc("A lease not renewed this long (its task died or lost DynamoDB) is taken back into the pool by"
                    + " the next task that needs budget; a task stops bidding on a lease it could not renew for half"
                    + " of it. At least twice the sum of `BUDGET_BID_WINDOW_MS` and `BUDGET_FLUSH_MS`.");
    public static final Key<Duration> BID_WINDOW_MS = Key.duration("BUDGET_BID_WINDOW_MS", Duration.ofMillis(100),
            Duration.ofHours(1)).byDefault(Duration.ofMinutes(1))
            .doc("How long a bid's price stays held against its campaign's budget after the bid, for its billing"
                    + " notice to arrive; a billing notice later than this (less `BUDGET_FLUSH_MS`) is still counted,"
                    + " as late spend, which the budget did not hold back.");
    public static final Key<Duration> SLICE_TARGET_MS = Key.duration("BUDGET_SLICE_TARGET_MS",
            Duration.ofMillis(100), Duration.ofHours(1)).byDefault(Duration.ofSeconds(10))
            .doc("A task asks for leases that last this long at the rate its bids took the campaign's budget"
                    + " lately.");
    public static final Key<Long> SLICE_MIN_MICROS = Key.longInteger("BUDGET_SLICE_MIN_MICROS", 1,
            1_000_000_000_000L).byDefault(10_000L)
            .doc("The smallest lease asked for, in micros of `CURRENCY` (and never less than one bid).");
    public static final Key<Integer> SLICE_MAX_PERCENT = Key.integer("BUDGET_SLICE_MAX_PERCENT", 1, 100)
            .byDefault(1)
            .doc("The largest lease, in percent of the campaign's daily (or, without one, total) budget: what one task"
                    + " can hold unused.");
    public static final Key<Integer> PACING_BURST_PERCENT = Key.integer("BUDGET_PACING_BURST_PERCENT", 0, 100)
            .byDefault(BudgetLedger.DEFAULT_BURST_PERCENT)
            .doc("How far even pacing lets a day's spend run ahead of its curve, in percent of the daily budget.");

    /** Every key, in the order of the README's table. */
    public static final List<Key<?>> KEYS = List.of(TABLE, NOTICE_TABLE, FLUSH_MS, LEASE_TTL_MS, BID_WINDOW_MS,
            SLICE_TARGET_MS, SLICE_MIN_MICROS, SLICE_MAX_PERCENT, PACING_BURST_PERCENT);

    /** The settings {@code r} reads; a bad value is one more of its problems. */
    public static BudgetConfig read(ConfigReader r) {
        String table = r.get(TABLE);
        String noticeTable = r.get(NOTICE_TABLE);
        Duration flush = r.get(FLUSH_MS);
        Duration ttl = r.get(LEASE_TTL_MS);
        Duration window = r.get(BID_WINDOW_MS);
        if (r.valid(FLUSH_MS, LEASE_TTL_MS, BID_WINDOW_MS)
                && ttl.compareTo(window.plus(flush).multipliedBy(2)) < 0) {
            r.problem(LEASE_TTL_MS, ttl, "must be at least twice the sum of " + BID_WINDOW_MS + " and " + FLUSH_MS
                    + " ("
                    + window.plus(flush).multipliedBy(2).toMillis() + "): a lease taken back must hold no bid still"
                    + " awaiting its billing notice");
        }
        return new BudgetConfig(table, noticeTable != null ? noticeTable : table, flush.toMillis(), ttl.toMillis(),
                window.toMillis(), r.get(SLICE_TARGET_MS).toMillis(), r.get(SLICE_MIN_MICROS),
                r.get(SLICE_MAX_PERCENT), r.get(PACING_BURST_PERCENT));
    }

    /** Whether budgets are leased from {@link #table}. */
    public boolean leased() {
        return table != null;
    }
}
