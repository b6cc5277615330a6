package org.fargatedsp.bidder.budget;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.budget.BudgetStore.StoreUnavailableException;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this task's leases of budget, on a thread of its own: every {@code BUDGET_FLUSH_MS} it settles each
 * campaign's lease ({@link CampaignLease}), writes billed spend and returned budget to the {@link BudgetStore},
 * renews the leases it holds and asks for new ones. No request waits for it. While the store is out of reach, no
 * lease is granted or renewed, so bidding on budgeted campaigns stops once the leases held run out or pass half
 * their TTL; spend stays in memory and is written when the store answers again, or at shutdown.
 */
public final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final BudgetStore store;
    private final BudgetConfig config;
    private final LongSupplier clockMs;
    /** Budgets opened since the last tick, for it to account for. */
    private final ConcurrentLinkedQueue<LeasedBudget> opened = new ConcurrentLinkedQueue<>();
    /** Every campaign's account, in the order opened: ticks walk it by index, allocating nothing per campaign. */
    private final List<CampaignLease> leases = new ArrayList<>();
    private final LongAdder lateSpend = new LongAdder();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final LongSupplier nextSeq = seq::incrementAndGet;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "budget-leases");
        t.setDaemon(true);
        return t;
    });
    private volatile String holder;
    private volatile long failingSinceMs = -1;
    private volatile String failure;
    private volatile long unflushedMicros;
    private boolean stopped;

    LeaseKeeper(BudgetStore store, BudgetConfig config, LongSupplier clockMs) {
        this.store = store;
        this.config = config;
        this.clockMs = clockMs;
    }

    /** The leased budget of a campaign loaded for the first time; the ledger keeps it across reloads. */
    public CampaignBudget open(Campaign campaign) {
        LeasedBudget budget = new LeasedBudget(campaign, clockMs, config.bidWindowMs() - config.flushMs(),
                lateSpend);
        opened.add(budget);
        return budget;
    }

    /** Starts the ticks, holding leases in the table as {@code holder}, which no other bidder is. */
    public void start(String holder) {
        holdAs(holder);
        executor.scheduleWithFixedDelay(this::tick, 0, config.flushMs(), TimeUnit.MILLISECONDS);
    }

    /** Names this task in the table, for ticks run by hand (tests) rather than by {@link #start}. */
    void holdAs(String name) {
        this.holder = name;
    }

    /** Who holds this task's leases in the table. */
    public String holder() {
        return holder;
    }

    /** Whether the last tick found the store out of reach. */
    public boolean failing() {
        return failingSinceMs >= 0;
    }

    /** Since when the store has been out of reach (epoch ms), or -1. */
    public long failingSinceMs() {
        return failingSinceMs;
    }

    /** Spend received and not yet written to the budget table, as of the last tick. */
    public long unflushedMicros() {
        return unflushedMicros;
    }

    /** Spend of billing notices that came after their bid's price was no longer held: the bound's one excess. */
    public long lateSpendMicros() {
        return lateSpend.sum();
    }

    /**
     * Stops the ticks, gives back the leases not taken and writes every pending spend, trying until
     * {@code timeoutMs} has passed; what still cannot be written is logged per campaign, for reconciliation from
     * the bid log.
     */
    public void close(long timeoutMs) {
        if (!stop()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            try {
                openNew();
                for (int i = 0; i < leases.size(); i++) {
                    leases.get(i).closeForShutdown(store, holder, nextSeq, clockMs.getAsLong());
                }
                LOG.info("budget leases returned and spend written", kv("holder", holder));
                return;
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    logUnflushed(e);
                    return;
                }
                pause();
            }
        }
    }

    /** Stops the ticks and writes nothing, as a task that dies: its leases expire in the table. For tests. */
    void halt() {
        stop();
    }

    /** One tick: settles every campaign, then writes, until the store fails. */
    void tick() {
        try {
            openNew();
            for (int i = 0; i < leases.size(); i++) {
                leases.get(i).settle(clockMs);
            }
            long now = clockMs.getAsLong();
            try {
                for (int i = 0; i < leases.size(); i++) {
                    leases.get(i).write(store, holder, nextSeq, now);
                }
                recovered();
            } catch (StoreUnavailableException e) {
                failed(e, now);
            }
            long unflushed = 0;
            for (int i = 0; i < leases.size(); i++) {
                unflushed += leases.get(i).unflushedMicros();
            }
            unflushedMicros = unflushed;
        } catch (RuntimeException e) {
            // A bug must not end the ticks: spend would never be written again.
            LOG.error("budget lease tick failed", e);
        }
        ticks.incrementAndGet();
    }

    /** Ticks run since start, failed or not: tests wait on it to know the keeper looked again. */
    long ticks() {
        return ticks.get();
    }

    /** Makes the account of each budget opened since the last tick. */
    private void openNew() {
        for (LeasedBudget budget; (budget = opened.poll()) != null; ) {
            leases.add(new CampaignLease(budget, config));
        }
    }

    private void failed(StoreUnavailableException e, long now) {
        failure = e.getMessage();
        if (failingSinceMs < 0) {
            failingSinceMs = now;
            LOG.warn("budget table out of reach: no new leases, so budgeted campaigns stop bidding as their leases"
                    + " run out; spend is kept and written when it answers", kv("table", config.table()),
                    kv("error", e.getMessage()));
        }
    }

    private void recovered() {
        if (failingSinceMs >= 0) {
            LOG.info("budget table answers again", kv("table", config.table()),
                    kv("out_of_reach_ms", clockMs.getAsLong() - failingSinceMs));
            failingSinceMs = -1;
            failure = null;
        }
    }

    /** Why the store is out of reach, or null. */
    String failure() {
        return failure;
    }

    private synchronized boolean stop() {
        if (stopped) {
            return false;
        }
        stopped = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private void logUnflushed(StoreUnavailableException e) {
        Map<String, Long> unflushed = new HashMap<>();
        for (CampaignLease lease : leases) {
            long micros = lease.unflushedMicros();
            if (micros > 0) {
                unflushed.put(lease.campaignId(), micros);
            }
        }
        LOG.error("budget table out of reach at shutdown: the leases not returned expire in it, and the spend listed"
                + " was not written (the bid log has its notices)",
                kv("table", config.table()), kv("unflushed_micros", unflushed), kv("error", e.getMessage()));
    }

    private void pause() {
        try {
            // Shutdown retries against a store that is down: nothing to wait on but time.
            Thread.sleep(config.flushMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
