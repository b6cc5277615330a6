package org.fargatedsp.bidder.budget;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final LeasedBudget budget;
    private final BudgetConfig config;
    private final Map<Long, RowLease> days = new HashMap<>();
    /** The day rows again, walked by index: a tick allocates nothing for a campaign that did nothing. */
    private final List<RowLease> dayRows = new ArrayList<>();
    private final LeasedBudget.DaySpend toRows = this::spend;
    private final RowLease total;
    private final List<DayLease> draining = new ArrayList<>();
    private DayLease current;
    private BudgetDay today;
    /** Taken by the bids of the days before the current lease's. */
    private long takenBefore;
    private long lastTakeMs;
    private final TakeRate rate = new TakeRate();
    /** Whether the last grant asked was held back by the room the rows were last seen to have. */
    private boolean roomShort;
    /** Whether bids found the lease short before the last settling. */
    private boolean wanted;

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
        if (rate.sample(now, takenBefore + (current == null ? 0 : current.taken(available)))) {
            lastTakeMs = now;
        }
        releaseExposure(now, available);
        budget.drainSpend(today.epochDay(), toRows);
        wanted = budget.wantedSinceLastAsked();
    }

    /**
     * Writes what is due and asks for a lease when the one held runs low, then opens the lease to bids until the
     * day ends or half its TTL after the rows holding it were last written.
     *
     * @throws BudgetStore.StoreUnavailableException when the store is out of reach; what is pending stays
     */
    void write(BudgetStore store, String holder, LongSupplier seq, long now) {
        long grant = wantedGrant(now);
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
            for (int i = 0; i < current.rows.size(); i++) {
                current.rows.get(i).refresh(store, holder, now);
            }
        }
        syncIfDue(total, store, holder, seq, now, config.leaseTtlMs() / 4, config.leaseTtlMs());
        for (int i = 0; i < dayRows.size(); i++) {
            syncIfDue(dayRows.get(i), store, holder, seq, now, config.leaseTtlMs() / 4, config.leaseTtlMs());
        }
        settleLostLeases();
        open();
        forgetIdleDays();
    }

    private static void syncIfDue(RowLease row, BudgetStore store, String holder, LongSupplier seq, long now,
            long renewEveryMs, long ttlMs) {
        if (row.due(now, renewEveryMs)) {
            row.sync(store, holder, seq, now, ttlMs, 0, Long.MAX_VALUE);
        }
    }

    /** Gives back the lease not taken, and writes what is pending, as a task that stops; renews nothing. */
    void closeForShutdown(BudgetStore store, String holder, LongSupplier seq, long now) {
        if (current != null) {
            current.giveBack(budget.drain());
            budget.openUntil(0);
        }
        budget.drainSpend(today == null ? Long.MIN_VALUE : today.epochDay(), toRows);
        // What bids took in the last window stays held until its billing notices can have come; then the lease
        // expires and the next task that needs budget takes it back.
        long holdMs = config.bidWindowMs() + config.flushMs();
        syncIfDue(total, store, holder, seq, now, Long.MAX_VALUE, holdMs);
        for (int i = 0; i < dayRows.size(); i++) {
            syncIfDue(dayRows.get(i), store, holder, seq, now, Long.MAX_VALUE, holdMs);
        }
    }

    String campaignId() {
        return budget.campaignId();
    }

    /** Spend received and not yet written to its day's row, here and on the request path's side. */
    long unflushedMicros() {
        long sum = budget.unflushedMicros();
        for (int i = 0; i < dayRows.size(); i++) {
            sum += dayRows.get(i).pendingSpend();
        }
        return sum;
    }

    private void spend(long epochDay, long micros) {
        dayRow(epochDay).spend(micros);
        total.spend(micros);
    }

    /** What to ask for: enough to hold a slice again when the lease ran below half of one, within the rows' room. */
    private long wantedGrant(long now) {
        Campaign c = budget.campaign();
        roomShort = false;
        if (current == null) {
            return 0;
        }
        long cost = CampaignBudget.impressionCost(c.bidMicros());
        if (wanted && budget.available() < cost) {
            // Bids found the lease short: they wanted more than the recent rate says.
            rate.starved((double) cost / config.flushMs());
            lastTakeMs = now;
        }
        long slice = slice(c, cost);
        long available = budget.available();
        if (available >= slice / 2 || (rate.perMs() == 0 && !wanted)) {
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
        return Math.max(min, Math.min(max, (long) (rate.perMs() * config.sliceTargetMs())));
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
            current.releaseTakenBy(now, current.taken(available), by);
        }
        for (int i = draining.size() - 1; i >= 0; i--) {
            DayLease d = draining.get(i);
            d.releaseTakenBy(now, d.taken(0), by);
            if (d.released >= d.taken(0)) {
                draining.remove(i);
            }
        }
    }

    /** Lets bids take the lease while every row holding it was written within half its TTL, and the day lasts. */
    private void open() {
        if (current == null) {
            return;
        }
        long until = current.day.endMillis();
        List<RowLease> rows = current.rows;
        for (int i = 0; i < rows.size(); i++) {
            RowLease row = rows.get(i);
            until = Math.min(until, row.lastWrittenMs() == Long.MIN_VALUE ? 0
                    : row.lastWrittenMs() + config.leaseTtlMs() / 2);
        }
        budget.openUntil(until);
    }

    /**
     * Deals with leases another task took back as expired. Whoever took one back returned all it held to the pool,
     * the price of the bids taken on it included, so that price must not be given back again, against a lease
     * granted since. What the request path still held of the current lease goes back on the rows that were not
     * taken back, and so does the outstanding price of the bids of every lease that held a row taken back: those
     * bids are at least half a TTL old (the lease stopped being bid on half a TTL after its last write, and was
     * taken back a TTL after it), older than the bid window.
     */
    private void settleLostLeases() {
        boolean lost = total.lost();
        for (int i = 0; i < dayRows.size() && !lost; i++) {
            lost = dayRows.get(i).lost();
        }
        if (!lost) {
            return;
        }
        if (current != null && current.heldOnLostRow()) {
            long left = budget.drain();
            current.returned += left;
            current.returnAfterLoss(left);
        }
        for (int i = 0; i < draining.size(); i++) {
            if (draining.get(i).heldOnLostRow()) {
                draining.get(i).returnAfterLoss(0);
            }
        }
        total.lossSeen();
        for (int i = 0; i < dayRows.size(); i++) {
            dayRows.get(i).lossSeen();
        }
    }

    /** Drops the rows of past days with nothing held or pending and no lease of theirs still draining. */
    private void forgetIdleDays() {
        for (int i = dayRows.size() - 1; i >= 0; i--) {
            RowLease row = dayRows.get(i);
            if (row.held() == 0 && row.pendingSpend() == 0 && !leasedOn(row)) {
                dayRows.remove(i);
                days.values().remove(row);
            }
        }
    }

    /** Whether the current day's lease, or one still draining, is held on {@code row}. */
    private boolean leasedOn(RowLease row) {
        if (current != null && current.rows.contains(row)) {
            return true;
        }
        for (int i = 0; i < draining.size(); i++) {
            if (draining.get(i).rows.contains(row)) {
                return true;
            }
        }
        return false;
    }

    private RowLease dayRow(long epochDay) {
        RowLease row = days.get(epochDay);
        if (row == null) {
            row = new RowLease(Row.day(budget.campaignId(), LocalDate.ofEpochDay(epochDay).toString()));
            days.put(epochDay, row);
            dayRows.add(row);
        }
        return row;
    }
}
