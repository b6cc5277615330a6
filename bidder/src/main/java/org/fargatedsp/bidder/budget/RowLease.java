package org.fargatedsp.bidder.budget;

import java.util.Map;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.budget.BudgetStore.Change;
import org.fargatedsp.bidder.budget.BudgetStore.Lease;
import org.fargatedsp.bidder.budget.BudgetStore.Result;
import org.fargatedsp.bidder.budget.BudgetStore.Row;
import org.fargatedsp.bidder.budget.BudgetStore.Verdict;

/**
 * This task's side of one budget row: what it holds there, and the spend and returns not yet written. Kept and
 * written by the lease keeper's thread only. Spend and returns stay here until a write is applied, however long
 * the store is out of reach. Writes are numbered by the keeper's one sequence, so that a row forgotten and met again
 * is still written with numbers above those it saw.
 */
final class RowLease {
    /** Attempts of one sync: a refused grant or a lost lease is followed by the same write without it. */
    private static final int ATTEMPTS = 3;

    private final Row row;
    private long held;
    private long pendingSpend;
    private long pendingRelease;
    private long lastWrittenMs = Long.MIN_VALUE;
    private long reserved;
    private boolean lost;
    /**
     * A write sent whose answer never came (the store was out of reach): it may have been applied. It is sent again,
     * with its sequence number, before anything else, so that it is applied once whatever became of it; a new write
     * of the same amounts, numbered anew, could return the same budget twice.
     */
    private Change unanswered;

    RowLease(Row row) {
        this.row = row;
    }

    Row row() {
        return row;
    }

    void spend(long micros) {
        pendingSpend += micros;
    }

    /** Gives back {@code micros} of what this task holds, at the next write; never more than it holds. */
    void release(long micros) {
        pendingRelease = Math.min(held, pendingRelease + micros);
    }

    long held() {
        return held;
    }

    long pendingSpend() {
        return pendingSpend;
    }

    /** The row's {@code reserved} as last written or read; the keeper sizes grants by it. */
    long reserved() {
        return reserved;
    }

    /** When a write of this task was last applied, or {@link Long#MIN_VALUE}. */
    long lastWrittenMs() {
        return lastWrittenMs;
    }

    /** Whether a sync found this task's lease taken back, since {@link #lossSeen}. */
    boolean lost() {
        return lost;
    }

    /** The loss was dealt with: what the lease held on the request path's side was taken back. */
    void lossSeen() {
        lost = false;
    }

    /** Whether there is anything to write: spend, a return, an unanswered write, or a renewal that is due. */
    boolean due(long nowMillis, long renewEveryMs) {
        return pendingSpend != 0 || pendingRelease != 0 || unanswered != null
                || (held > 0 && nowMillis - lastWrittenMs >= renewEveryMs);
    }

    /**
     * Writes the pending spend and returns, renews the lease for {@code ttlMs}, and asks for {@code grant} more
     * within {@code maxReserved}; expired leases of other holders met on a refused grant are taken back.
     *
     * @return whether the grant was given
     * @throws BudgetStore.StoreUnavailableException when the store is out of reach; nothing pending is lost
     */
    boolean sync(BudgetStore store, String holder, LongSupplier seq, long nowMillis, long ttlMs, long grant,
            long maxReserved) {
        if (unanswered != null) {
            sendAgain(store, holder, nowMillis);
        }
        long asked = grant;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long release = pendingRelease;
            long heldAfter = held + asked - release;
            Change change = new Change(seq.getAsLong(), pendingSpend, release, asked, maxReserved, held > 0,
                    heldAfter > 0 ? nowMillis + ttlMs : 0);
            unanswered = change;
            Result result = store.apply(row, holder, change);
            unanswered = null;
            reserved = result.state().reserved();
            if (result.verdict() == Verdict.APPLIED) {
                applied(change, nowMillis);
                return asked > 0;
            }
            if (result.verdict() == Verdict.LEASE_LOST) {
                lose();
            } else {
                reclaimExpired(store, holder, result.state().leases(), nowMillis);
            }
            asked = 0;
        }
        return false;
    }

    /** Sends the unanswered write again, as it was: the store applies it now, applied it then, or refuses it. */
    private void sendAgain(BudgetStore store, String holder, long nowMillis) {
        Change change = unanswered;
        Result result = store.apply(row, holder, change);
        unanswered = null;
        reserved = result.state().reserved();
        if (result.verdict() == Verdict.APPLIED) {
            applied(change, nowMillis);
            if (change.grant() > 0) {
                // Granted, but the keeper never learned it and never gave it to bids: give it back.
                release(change.grant());
            }
        } else if (result.verdict() == Verdict.LEASE_LOST) {
            lose();
        }
        // Refused for its grant: it was never applied, and what it carried is still pending.
    }

    private void applied(Change change, long nowMillis) {
        held += change.grant() - change.release();
        pendingSpend -= change.spend();
        pendingRelease -= change.release();
        lastWrittenMs = nowMillis;
    }

    /** Taken back as expired: whoever took it returned all of it to the pool, so nothing is to be returned. */
    private void lose() {
        lost = true;
        held = 0;
        pendingRelease = 0;
    }

    /**
     * Reads the row again, for a grant sized by a {@link #reserved} that others may have lowered since (by giving
     * back, or by their leases expiring, which it takes back now).
     */
    void refresh(BudgetStore store, String holder, long nowMillis) {
        BudgetStore.State state = store.read(row);
        reserved = state.reserved();
        reclaimExpired(store, holder, state.leases(), nowMillis);
    }

    /** Takes back into the pool the leases of other holders that expired: tasks that died or lost the store. */
    private void reclaimExpired(BudgetStore store, String holder, Map<String, Lease> leases, long nowMillis) {
        for (Map.Entry<String, Lease> lease : leases.entrySet()) {
            if (!lease.getKey().equals(holder) && lease.getValue().expiresAtMillis() < nowMillis
                    && store.reclaim(row, lease.getKey(), lease.getValue())) {
                reserved -= lease.getValue().held();
            }
        }
    }
}
