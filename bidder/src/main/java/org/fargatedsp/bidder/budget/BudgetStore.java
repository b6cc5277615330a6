package org.fargatedsp.bidder.budget;

import java.util.Map;

/**
 * The fleet's shared record of spend and leases, one row per campaign and period (a day of its time zone, or its
 * whole life), as the budget table holds it (README, "Budgets and pacing"). Each row keeps
 * {@code reserved = spent + leased}, {@code leased} the sum of what every holder holds, and per holder what it
 * holds, until when, and the last of its writes applied. Only {@link LeaseKeeper}'s thread calls it.
 */
interface BudgetStore {

    /** A row: the campaign, and {@code day#<date>} or {@code total}. */
    record Row(String campaignId, String period) {
        static final String TOTAL = "total";

        static Row day(String campaignId, String date) {
            return new Row(campaignId, "day#" + date);
        }

        static Row total(String campaignId) {
            return new Row(campaignId, TOTAL);
        }
    }

    /**
     * One holder's write to a row, applied whole or not at all: {@code spend} added to {@code spent} and
     * {@code reserved}; {@code release} returned from what the holder holds; {@code grant} added to it if
     * {@code reserved} stays within {@code maxReserved} after the write (the lease's condition); the holder's lease
     * then lives until {@code expiresAtMillis}, or ends when it holds nothing.
     *
     * @param seq greater than every earlier write of the holder to the row: a write retried after its answer was
     *     lost is recognised and not applied twice
     * @param holding whether the holder believes it holds some of the row: if the row says otherwise, the lease
     *     was taken back as expired, and the write is refused ({@link Verdict#LEASE_LOST})
     * @param maxReserved the row's limit, {@link Long#MAX_VALUE} for none
     */
    record Change(long seq, long spend, long release, long grant, long maxReserved, boolean holding,
            long expiresAtMillis) {}

    /** A holder's lease as the row holds it. */
    record Lease(long held, long expiresAtMillis) {}

    /** The row after a write, or as read: its totals and every holder's lease. */
    record State(long spent, long leased, long reserved, Map<String, Lease> leases) {
        static final State EMPTY = new State(0, 0, 0, Map.of());
    }

    /** What became of a write. */
    enum Verdict {
        /** Applied: now, or by an earlier attempt whose answer was lost. */
        APPLIED,
        /** Not applied: the grant would take {@code reserved} past {@code maxReserved}. */
        GRANT_REFUSED,
        /** Not applied: the holder's lease is gone, taken back as expired. */
        LEASE_LOST
    }

    record Result(Verdict verdict, State state) {}

    /**
     * Applies {@code change} of {@code holder} to {@code row}.
     *
     * @throws StoreUnavailableException when the store cannot be reached or refuses to serve
     */
    Result apply(Row row, String holder, Change change);

    /**
     * The row as it is now.
     *
     * @throws StoreUnavailableException when the store cannot be reached or refuses to serve
     */
    State read(Row row);

    /**
     * Takes the expired lease {@code seen} of {@code holder} back into {@code row}'s pool, unless the holder renewed
     * or changed it since it was read.
     *
     * @return whether it was taken back
     * @throws StoreUnavailableException when the store cannot be reached or refuses to serve
     */
    boolean reclaim(Row row, String holder, Lease seen);

    /** The store could not be reached, or refused to serve; nothing was applied, or it will be recognised. */
    final class StoreUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
