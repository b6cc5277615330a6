package org.fargatedsp.bidder;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.CampaignSource;
import org.fargatedsp.bidder.campaign.CampaignSource.Loaded;
import org.fargatedsp.bidder.campaign.DropGuard;
import org.fargatedsp.bidder.campaign.ReloadOutcome;
import org.fargatedsp.bidder.http.HealthDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Catalog} and replaces it when the campaign source's content changes. A Caffeine cache of
 * one entry holds the catalog and refreshes it {@code CAMPAIGNS_REFRESH_MS} after it was last written, on this
 * class's own thread: reading, validating and indexing never happen on an event loop, which only ever reads a
 * volatile reference. New content that is invalid, or that would drop more than {@code CAMPAIGNS_MAX_DROP_PERCENT}
 * of the loaded campaigns, is reported once and ignored; a source that cannot be read is reported once an outage.
 * Either way the last good campaigns keep bidding. A source across the network that does not answer at start is
 * tried again, with a growing pause, until it does.
 */
public final class CampaignReloader implements Supplier<Catalog>, HealthDetail, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignReloader.class);
    private static final String KEY = "campaigns";
    static final long FIRST_RETRY_MS = 100;
    static final long MAX_POKE_MS = 1_000;

    private final CampaignSource source;
    private final BudgetLedger ledger;
    private final DropGuard guard;
    private final LongSupplier clockMs;
    private final Ticker ticker;
    private final Executor refreshExecutor;
    private final ReloadStatus status;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "campaign-reloader");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Catalog current;
    private volatile LoadingCache<String, Catalog> cache;
    private Loaded loaded;
    private String rejectedVersion;

    /** @param maxDropPercent the most of the loaded campaigns (by id, in percent) a reload may drop; 100 allows all */
    public CampaignReloader(CampaignSource source, BudgetLedger ledger, int maxDropPercent) {
        this(source, ledger, maxDropPercent, System::currentTimeMillis);
    }

    /** As above, dating snapshots, reads and rejections on {@code clockMs} (epoch milliseconds). */
    public CampaignReloader(CampaignSource source, BudgetLedger ledger, int maxDropPercent, LongSupplier clockMs) {
        this(source, ledger, maxDropPercent, clockMs, Ticker.systemTicker(), null);
    }

    /**
     * As above, with the cache's refreshes timed by {@code ticker} and run on {@code refreshExecutor} (null: this
     * class's thread), for tests that drive the refresh.
     */
    CampaignReloader(CampaignSource source, BudgetLedger ledger, int maxDropPercent, LongSupplier clockMs,
            Ticker ticker, Executor refreshExecutor) {
        this.source = source;
        this.ledger = ledger;
        this.guard = new DropGuard(maxDropPercent);
        this.clockMs = clockMs;
        this.ticker = ticker;
        this.refreshExecutor = refreshExecutor == null ? executor : refreshExecutor;
        this.status = new ReloadStatus(source.describe(), maxDropPercent);
    }

    @Override
    public Catalog get() {
        return current;
    }

    /**
     * Loads the campaigns now, on the calling thread, whatever they drop: at start there is nothing to keep.
     *
     * @throws CampaignFileException when the source is invalid
     */
    public synchronized Catalog loadNow() {
        return install(source.loadVersioned());
    }

    /**
     * Loads the campaigns at start. A source that {@link CampaignSource#retriesAtStart() retries} is read again
     * after each failure, the pause doubling up to {@code maxRetryMs}, until it answers or the reloader is closed;
     * any other fails at once, as {@link #loadNow()}.
     *
     * @throws IllegalStateException when closed before the campaigns could be loaded
     */
    public Catalog loadAtStart(long maxRetryMs) throws InterruptedException {
        if (!source.retriesAtStart()) {
            return loadNow();
        }
        for (long pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, Math.max(FIRST_RETRY_MS, maxRetryMs))) {
            synchronized (this) {
                try {
                    return install(source.loadVersioned());
                } catch (RuntimeException e) {
                    status.unreachable(clockMs.getAsLong(), reason(e), false);
                }
            }
            if (closed.await(pause, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("stopped before the campaigns of " + source.describe()
                        + " could be loaded");
            }
        }
    }

    /**
     * Refreshes the catalog {@code intervalMs} after it was last written, on this class's thread; 0 never does.
     * The cache refreshes on a read once the interval has passed, so the thread reads it a few times an interval.
     */
    public void startWatching(long intervalMs) {
        if (intervalMs <= 0) {
            return;
        }
        startCache(intervalMs);
        long poke = Math.max(1, Math.min(MAX_POKE_MS, intervalMs / 4));
        executor.scheduleWithFixedDelay(this::poke, poke, poke, TimeUnit.MILLISECONDS);
    }

    /** Puts the catalog in a cache that refreshes it {@code intervalMs} after it was written, once {@link #poke}d. */
    void startCache(long intervalMs) {
        LoadingCache<String, Catalog> refreshing = Caffeine.newBuilder()
                .refreshAfterWrite(Duration.ofMillis(intervalMs))
                .executor(refreshExecutor)
                .ticker(ticker)
                .build(new CacheLoader<>() {
                    @Override
                    public Catalog load(String key) {
                        return current;
                    }

                    @Override
                    public Catalog reload(String key, Catalog old) {
                        reloadIfChanged();
                        return current;
                    }
                });
        refreshing.put(KEY, current);
        cache = refreshing;
    }

    /** Reads the cache, which starts a refresh once the interval has passed since it was written. */
    void poke() {
        LoadingCache<String, Catalog> c = cache;
        if (c != null) {
            c.get(KEY);
        }
    }

    /**
     * Reads the source and swaps in its campaigns when their content differs from the loaded one and from the one
     * last rejected; says what it did. Content that is rejected is logged once, and not tried again until it
     * changes; a source that cannot be read is logged once an outage.
     */
    synchronized ReloadOutcome reloadIfChanged() {
        long now = clockMs.getAsLong();
        String peeked = source.peekVersion();
        if (peeked != null && loaded != null && peeked.equals(loaded.version())) {
            status.current(now);
            return ReloadOutcome.UNCHANGED;
        }
        if (peeked != null && peeked.equals(rejectedVersion)) {
            status.reachable(now);
            return ReloadOutcome.UNCHANGED;
        }
        Loaded next;
        try {
            next = source.reload(loaded);
        } catch (CampaignFileException e) {
            status.reachable(now);
            LOG.error("campaign reload failed; keeping the campaigns loaded before", kv("source", source.describe()),
                    kv("problems", e.problems()));
            return reject(peeked, ReloadOutcome.FAILED, "invalid: " + e.problems().get(0), now);
        } catch (RuntimeException e) {
            status.unreachable(now, reason(e), current != null);
            return ReloadOutcome.FAILED;
        }
        if (loaded != null && next.version().equals(loaded.version())) {
            // The same campaigns: what the source needs to read only changes next time moves on.
            loaded = next;
            status.current(now);
            return ReloadOutcome.UNCHANGED;
        }
        status.reachable(now);
        if (next.version().equals(rejectedVersion)) {
            return ReloadOutcome.UNCHANGED;
        }
        String refusal = current == null ? null : guard.refusal(current.snapshot().campaigns(), next.campaigns());
        if (refusal != null) {
            LOG.warn("campaign reload refused; keeping the campaigns loaded before", kv("source", source.describe()),
                    kv("reason", refusal), kv("version", next.version()));
            return reject(next.version(), ReloadOutcome.REFUSED, refusal, now);
        }
        install(next);
        return ReloadOutcome.LOADED;
    }

    /** Checks of the source that ended with {@code outcome}, since start (the first load included). */
    public long reloads(ReloadOutcome outcome) {
        return status.total(outcome);
    }

    /** Whether the source holds content that was refused or is invalid, so what is served is older than it. */
    public boolean rejected() {
        return status.rejected();
    }

    /**
     * When the source was last read with what is served still its content (epoch ms), or 0 before the first
     * load: how stale the campaigns can be, which {@code dsp.bidder.campaigns.age} shows.
     */
    public long readAtMillis() {
        return status.readAtMs();
    }

    @Override
    public void addTo(Map<String, Object> details) {
        Map<String, Object> reload = status.details();
        source.addTo(reload);
        details.put("campaigns_reload", reload);
    }

    @Override
    public void close() {
        closed.countDown();
        executor.shutdownNow();
    }

    private Catalog install(Loaded next) {
        List<Campaign> campaigns = next.campaigns();
        long now = clockMs.getAsLong();
        Catalog catalog = Catalog.of(new CampaignSnapshot(campaigns, ledger, now, source.describe()));
        current = catalog;
        loaded = next;
        rejectedVersion = null;
        status.current(now);
        status.count(ReloadOutcome.LOADED);
        LOG.info("campaigns loaded", kv("source", source.describe()), kv("campaigns", campaigns.size()),
                kv("active", catalog.snapshot().activeCampaigns()), kv("entries", catalog.snapshot().index().size()),
                kv("version", next.version()));
        return catalog;
    }

    private ReloadOutcome reject(String version, ReloadOutcome outcome, String reason, long now) {
        rejectedVersion = version;
        status.rejected(outcome, now, reason);
        return outcome;
    }

    /** One line for an outage's log and {@code /health}: the table's failures say their call; others their class. */
    private static String reason(RuntimeException e) {
        return e instanceof org.fargatedsp.bidder.campaign.table.TableException ? e.getMessage() : e.toString();
    }
}
