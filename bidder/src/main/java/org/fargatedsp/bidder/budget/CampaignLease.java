package org.fargatedsp.bidder.budget;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.budget.BudgetStore.Row;
import org.fargatedsp.bidder.campaign.BudgetDay;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignBudget;

/**
 * The lease keeper's account of one campaign: the lease of the current day, held on the day's row (a daily budget)
 * and on the total row (a total budget); the exposure of bids to give back once the bid window has passed, also of
 * days that ended; the rows billed spend goes to; and the spend rate that sizes the next lease. Keeper thread only.
 *
 * <p>A tick first settles what happened locally ({@link #settle}: no I/O), then writes ({@link #write}). A grant
 * is asked of the total row first and then of the day's row; one refused there is given back to the total row.
 */
final class CampaignLease {
    /** Weight of the latest tick's rate in the spend rate's moving average. */
    private static final double RATE_WEIGHT = 0.5;

    private final LeasedBudget budget;
    private final BudgetConfig config;
    private final Map<Long, RowLease> days = new HashMap<>();
    private final RowLease total;
    private final List<DayLease> draining = new ArrayList<>();
    private DayLease current;
    private BudgetDay today;
    /** Taken by the bids of the days before the current lease's, and as of the last rate sample. */
    private long takenBefore;
    private long rateTaken;
    private long rateAtMs = -1;
    private long lastTakeMs;
    /** Micros a millisecond that bids took lately. */
    private double rate;
    /** Whether the last grant asked was held back by the room the rows were last seen to have. */
    private boolean roomShort;

    /** One day's lease: the rows it is held on, what was granted and given back, and what bids took when. */
    private static final class DayLease {
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

        long taken(long available) {
            return granted - returned - available;
        }

        /** Gives back {@code micros} of the lease on every row that holds it. */
        void giveBack(long micros) {
            returned += micros;
            release(micros);
        }

        void release(long micros) {
            for (RowLease row : rows) {
                row.release(micros);
            }
        }
    }

    CampaignLease(LeasedBudget budget, BudgetConfig config) {
        this.budget = budget;
        this.config = config;
        this.total = new RowLease(Row.total(budget.campaignId()));
    }

    /**
     * Settles what the request path and the notices did since the last tick: the day's end, the exposure older
     * than the bid window, the spend received. {@code clockMs} is read after the lease, so that every bid it counts
     * was taken before the instant it is recorded at.
     */
    void settle(LongSupplier clockMs) {
        Campaign c = budget.campaign();
        long decidedAt = clockMs.getAsLong();
        if (today == null || !today.contains(decidedAt) || !today.zone().equals(c.timezone())) {
            today = BudgetDay.of(c.timezone(), decidedAt);
        }
        boolean daily = c.dailyBudgetMicros() != Campaign.NO_BUDGET;
        boolean totalled = c.totalBudgetMicros() != Campaign.NO_BUDGET;
        boolean biddable = c.budgeted() && c.active() && c.inFlight(decidedAt);
        if (current != null && (current.day.epochDay() != today.epochDay() || current.daily != daily
                || current.totalled != totalled || !biddable)) {
            close();
        }
        if (current != null && decidedAt - lastTakeMs > config.leaseTtlMs()) {
            // No bid took any of it for a lease's life: give the rest back for other tasks to use.
            current.giveBack(budget.drain());
        }
        if (current == null && biddable) {
            List<RowLease> rows = new ArrayList<>(2);
            if (totalled) {
                rows.add(total);
            }
            if (daily) {
                rows.add(dayRow(today.epochDay()));
            }
            current = new DayLease(today, List.copyOf(rows), daily, totalled);
            lastTakeMs = decidedAt;
        }
        long available = budget.available();
        long now = clockMs.getAsLong();
        long taken = takenBefore + (current == null ? 0 : current.taken(available));
        if (taken != rateTaken) {
            lastTakeMs = now;
        }
        updateRate(now, taken);
        releaseExposure(now, available);
        budget.drainSpend(today.epochDay(), this::spend);
    }

    /**
     * Writes what is due and asks for a lease when the one held runs low, then opens the lease to bids until the
     * day ends or half its TTL after the rows holding it were last written.
     *
     * @throws BudgetStore.StoreUnavailableException when the store is out of reach; what is pending stays
     */
    void write(BudgetStore store, String holder, LongSupplier seq, long now, boolean wanted) {
        long grant = wantedGrant(now, wanted);
        Campaign c = budget.campaign();
        long dayCap = current == null || !current.daily ? Long.MAX_VALUE
                : today.allowed(c.dailyBudgetMicros(), c.pacing(), now, config.burstPercent());
        boolean granted = grant > 0;
        if (granted && current.totalled) {
            granted = total.sync(store, holder, seq, now, config.leaseTtlMs(), grant, c.totalBudgetMicros());
        }
        if (granted && current.daily) {
            try {
                granted = dayRow(today.epochDay()).sync(store, holder, seq, now, config.leaseTtlMs(), grant,
                        dayCap);
            } finally {
                if (!granted && current.totalled) {
                    total.release(grant);
                }
            }
        }
        if (granted) {
            budget.grant(grant);
            current.granted += grant;
            lastTakeMs = now;
        } else if (roomShort && wanted) {
            // Bids want more than the rows seemed to have room for: look again, the room may have grown.
            for (RowLease row : current.rows) {
                row.refresh(store, holder, now);
            }
        }
        for (RowLease row : rows()) {
            if (row.due(now, config.leaseTtlMs() / 4)) {
                row.sync(store, holder, seq, now, config.leaseTtlMs(), 0, Long.MAX_VALUE);
            }
        }
        open();
        forgetIdleDays();
    }

    /** Gives back the lease not taken, and writes what is pending, as a task that stops; renews nothing. */
    void closeForShutdown(BudgetStore store, String holder, LongSupplier seq, long now) {
        if (current != null) {
            current.giveBack(budget.drain());
            budget.openUntil(0);
        }
        budget.drainSpend(today == null ? Long.MIN_VALUE : today.epochDay(), this::spend);
        // What bids took in the last window stays held until its billing notices can have come; then the lease
        // expires and the next task that needs budget takes it back.
        long holdMs = config.bidWindowMs() + config.flushMs();
        for (RowLease row : rows()) {
            if (row.due(now, Long.MAX_VALUE)) {
                row.sync(store, holder, seq, now, holdMs, 0, Long.MAX_VALUE);
            }
        }
    }

    /** Spend received and not yet written to its day's row, here and on the request path's side. */
    long unflushedMicros() {
        long sum = budget.unflushedMicros();
        for (RowLease day : days.values()) {
            sum += day.pendingSpend();
        }
        return sum;
    }

    /** Whether a write is due: spend or returns pending, or a lease to renew. */
    boolean due(long now) {
        for (RowLease row : rows()) {
            if (row.due(now, config.leaseTtlMs() / 4)) {
                return true;
            }
        }
        return false;
    }

    private void spend(long epochDay, long micros) {
        dayRow(epochDay).spend(micros);
        total.spend(micros);
    }

    /** What to ask for: enough to hold a slice again when the lease ran below half of one, within the rows' room. */
    private long wantedGrant(long now, boolean wanted) {
        Campaign c = budget.campaign();
        roomShort = false;
        if (current == null) {
            return 0;
        }
        long cost = CampaignBudget.impressionCost(c.bidMicros());
        if (wanted && budget.available() < cost) {
            // Bids found the lease short: they wanted more than the recent rate says.
            rate = Math.max(rate * 2, (double) cost / config.flushMs());
            lastTakeMs = now;
        }
        long slice = slice(c, cost);
        long available = budget.available();
        if (available >= slice / 2 || (rate == 0 && !wanted)) {
            return 0;
        }
        long grant = slice - available;
        if (current.daily) {
            long cap = today.allowed(c.dailyBudgetMicros(), c.pacing(), now, config.burstPercent());
            RowLease day = dayRow(today.epochDay());
            grant = Math.min(grant, cap - day.reserved() - day.pendingSpend());
        }
        if (current.totalled) {
            grant = Math.min(grant, c.totalBudgetMicros() - total.reserved() - total.pendingSpend());
        }
        if (grant < cost) {
            roomShort = true;
            return 0;
        }
        return grant;
    }

    /** A lease lasting {@code BUDGET_SLICE_TARGET_MS} at the recent rate, within the slice's bounds. */
    private long slice(Campaign c, long cost) {
        long min = Math.max(config.sliceMinMicros(), cost);
        long smaller = Math.min(c.dailyBudgetMicros(), c.totalBudgetMicros());
        long max = Math.max(min, smaller / 100 * config.sliceMaxPercent());
        return Math.max(min, Math.min(max, (long) (rate * config.sliceTargetMs())));
    }

    private void updateRate(long now, long taken) {
        if (rateAtMs >= 0 && now > rateAtMs) {
            double latest = (double) (taken - rateTaken) / (now - rateAtMs);
            rate = RATE_WEIGHT * latest + (1 - RATE_WEIGHT) * rate;
        }
        if (rateAtMs < 0 || now > rateAtMs) {
            rateAtMs = now;
            rateTaken = taken;
        }
    }

    /** Ends the current day's lease: what bids did not take goes back, what they took is given back in time. */
    private void close() {
        current.giveBack(budget.drain());
        budget.openUntil(0);
        takenBefore += current.taken(0);
        draining.add(current);
        current = null;
    }

    /** Gives back what bids took at least the bid window ago, of every day's lease. */
    private void releaseExposure(long now, long available) {
        long by = now - config.bidWindowMs();
        if (current != null) {
            release(current, now, current.taken(available), by);
        }
        for (Iterator<DayLease> it = draining.iterator(); it.hasNext(); ) {
            DayLease d = it.next();
            release(d, now, d.taken(0), by);
            if (d.released >= d.taken(0)) {
                it.remove();
            }
        }
    }

    private static void release(DayLease d, long now, long taken, long by) {
        d.history.record(now, taken);
        long due = d.history.takenBy(by) - d.released;
        if (due > 0) {
            d.released += due;
            d.release(due);
        }
    }

    /** Lets bids take the lease while every row holding it was written within half its TTL, and the day lasts. */
    private void open() {
        if (current == null) {
            return;
        }
        boolean lost = false;
        long until = current.day.endMillis();
        for (RowLease row : current.rows) {
            lost |= row.lost();
            until = Math.min(until, row.lastWrittenMs() == Long.MIN_VALUE ? 0
                    : row.lastWrittenMs() + config.leaseTtlMs() / 2);
        }
        if (lost) {
            // Taken back by another task: what is left here is no longer ours, on any row.
            long left = budget.drain();
            current.returned += left;
            for (RowLease row : current.rows) {
                if (!row.lost()) {
                    row.release(left);
                }
            }
        }
        budget.openUntil(until);
    }

    /** Drops the rows of past days with nothing held or pending and no lease of theirs still draining. */
    private void forgetIdleDays() {
        days.values().removeIf(row -> row.held() == 0 && row.pendingSpend() == 0
                && (current == null || !current.rows.contains(row))
                && draining.stream().noneMatch(d -> d.rows.contains(row)));
    }

    private RowLease dayRow(long epochDay) {
        return days.computeIfAbsent(epochDay, d -> new RowLease(Row.day(budget.campaignId(),
                LocalDate.ofEpochDay(d).toString())));
    }

    private List<RowLease> rows() {
        List<RowLease> rows = new ArrayList<>(days.size() + 1);
        rows.add(total);
        rows.addAll(days.values());
        return rows;
    }
}
