package org.fargatedsp.bidder.budget;

import java.util.List;
import org.fargatedsp.bidder.campaign.BudgetDay;

/**
 * One day's lease of a campaign, as the lease keeper accounts for it: the rows it is held on (the day's row for a
 * daily budget, the total row for a total budget), what was granted and given back, and what bids took when.
 */
final class DayLease {
    final BudgetDay day;
    final List<RowLease> rows;
    final boolean daily;
    final boolean totalled;
    final ExposureHistory history = new ExposureHistory();
    long granted;
    long returned;
    long released;

    DayLease(BudgetDay day, List<RowLease> rows, boolean daily, boolean totalled) {
        this.day = day;
        this.rows = rows;
        this.daily = daily;
        this.totalled = totalled;
    }

    /** What bids took of it, with {@code available} of it still on the request path's side. */
    long taken(long available) {
        return granted - returned - available;
    }

    /** Takes {@code micros} of the lease back from the bids, and gives it back on every row that holds it. */
    void giveBack(long micros) {
        returned += micros;
        release(micros);
    }

    /**
     * Records that bids had taken {@code taken} by {@code now}, and gives back what they had taken by {@code by}
     * that is not given back yet.
     */
    void releaseTakenBy(long now, long taken, long by) {
        history.record(now, taken);
        long due = history.takenBy(by) - released;
        if (due > 0) {
            released += due;
            release(due);
        }
    }

    /** Whether a row this lease is held on was taken back by another task. */
    boolean heldOnLostRow() {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).lost()) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a row was taken back: gives back {@code left} and the price of the bids not given back yet, on the rows
     * not taken back, and counts that price as given back.
     */
    void returnAfterLoss(long left) {
        long outstanding = taken(0) - released;
        released += outstanding;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).lost()) {
                rows.get(i).release(left + outstanding);
            }
        }
    }

    /** Gives back {@code micros} on every row that holds the lease. */
    void release(long micros) {
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).release(micros);
        }
    }
}
