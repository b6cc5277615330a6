package org.fargatedsp.bidder.budget;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.campaign.BudgetDay;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignBudget;

/**
 * A campaign's budget as this task holds it with {@code BUDGET_TABLE}: the lease the {@link LeaseKeeper} was
 * granted and has not seen taken yet. The request path reads and takes it ({@link #allows}, {@link #take}: volatile
 * loads and a compare-and-set, no allocation, no I/O); a bid takes its price, the most it can cost, from the lease
 * when it is placed, since its billing notice may reach any task. Billing notices add their spend here by day, for
 * the keeper to flush. A campaign without a budget bids on no lease.
 */
final class LeasedBudget extends CampaignBudget {
    /** Days of spend kept for the keeper past the current one: a notice older than 7 days is refused anyway. */
    private static final int DAYS_KEPT = 8;

    private final AtomicLong available = new AtomicLong();
    private final ConcurrentHashMap<Long, AtomicLong> unflushed = new ConcurrentHashMap<>();
    private final LongSupplier clockMs;
    private final long lateAfterMs;
    private final LongAdder lateSpend;
    private volatile Campaign campaign;
    private volatile boolean unlimited;
    /** The lease may be taken before this instant: its day's end, or half its TTL after its last renewal. */
    private volatile long openUntilMillis;
    /** A bid found the lease short since the keeper last looked. */
    private volatile boolean wanted;

    /**
     * @param lateAfterMs a billing notice whose bid is older than this is late: its bid's price no longer held
     * @param lateSpend counts the late notices' spend
     */
    LeasedBudget(Campaign campaign, LongSupplier clockMs, long lateAfterMs, LongAdder lateSpend) {
        super(campaign.id());
        this.clockMs = clockMs;
        this.lateAfterMs = lateAfterMs;
        this.lateSpend = lateSpend;
        update(campaign);
    }

    @Override
    public boolean allows(long costMicros, long nowMillis) {
        if (unlimited || (nowMillis < openUntilMillis && available.get() >= costMicros)) {
            return true;
        }
        if (!wanted) {
            wanted = true;
        }
        return false;
    }

    @Override
    public boolean take(long costMicros, long nowMillis) {
        if (unlimited) {
            return true;
        }
        if (nowMillis >= openUntilMillis) {
            return false;
        }
        while (true) {
            long left = available.get();
            if (left < costMicros) {
                return false;
            }
            if (available.compareAndSet(left, left - costMicros)) {
                return true;
            }
        }
    }

    @Override
    public long spend(long micros, long atMillis) {
        Campaign c = campaign;
        long day = BudgetDay.of(c.timezone(), atMillis).epochDay();
        unflushed.computeIfAbsent(day, d -> new AtomicLong()).addAndGet(micros);
        if (c.budgeted() && clockMs.getAsLong() - atMillis > lateAfterMs) {
            lateSpend.add(micros);
        }
        return micros;
    }

    @Override
    protected void update(Campaign next) {
        campaign = next;
        unlimited = !next.budgeted();
    }

    @Override
    public String refusal(long nowMillis, String currency) {
        if (nowMillis >= openUntilMillis && available.get() > 0) {
            return "holds a lease of " + money(available.get()) + " " + currency + " it could not renew in time"
                    + " from BUDGET_TABLE";
        }
        return "holds no lease of its budget from BUDGET_TABLE: " + money(available.get()) + " " + currency
                + " left, which its bid cannot fit in (the budget or pacing allows no more now, or the table is out"
                + " of reach)";
    }

    Campaign campaign() {
        return campaign;
    }

    /** The lease not taken yet. */
    long available() {
        return available.get();
    }

    void grant(long micros) {
        available.addAndGet(micros);
    }

    /** Takes the whole lease back from the request path, and returns it. */
    long drain() {
        return available.getAndSet(0);
    }

    /** Lets bids take the lease until {@code untilMillis}. */
    void openUntil(long untilMillis) {
        openUntilMillis = untilMillis;
    }

    /** Whether a bid found the lease short since the last call. */
    boolean wantedSinceLastAsked() {
        boolean w = wanted;
        if (w) {
            wanted = false;
        }
        return w;
    }

    /** Hands each day's spend not yet handed over to {@code to} (epoch day, micros), and forgets old days. */
    void drainSpend(long today, DaySpend to) {
        if (unflushed.isEmpty()) {
            return;
        }
        for (var entry : unflushed.entrySet()) {
            long micros = entry.getValue().getAndSet(0);
            if (micros != 0) {
                to.add(entry.getKey(), micros);
            } else if (entry.getKey() < today - DAYS_KEPT) {
                // No notice of that day can come any more (NOTICE_DEDUPE_TTL_MS is at most 7 days).
                unflushed.remove(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Takes a day's spend. */
    @FunctionalInterface
    interface DaySpend {
        void add(long epochDay, long micros);
    }

    /** Spend received and not yet handed to the keeper. */
    long unflushedMicros() {
        if (unflushed.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (AtomicLong micros : unflushed.values()) {
            sum += micros.get();
        }
        return sum;
    }
}
