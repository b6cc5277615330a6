package org.fargatedsp.bidder;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.CampaignSource;
import org.fargatedsp.bidder.campaign.ReloadOutcome;
import org.fargatedsp.bidder.http.HealthDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Catalog} and replaces it when the campaign source's content changes. Loading,
 * validating and indexing run on this class's own thread; the event loops only ever read the reference. New content
 * that is invalid, or that would drop more than {@code CAMPAIGNS_MAX_DROP_PERCENT} of the loaded campaigns (a file
 * emptied by mistake), is reported once and ignored: the last good campaigns keep bidding until the content
 * changes again.
 */
public final class CampaignReloader implements Supplier<Catalog>, HealthDetail, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignReloader.class);
    private static final int DROPPED_IDS_SHOWN = 5;

    /** Content not swapped in: refused or invalid, since when (epoch ms) and why. */
    private record Rejection(ReloadOutcome outcome, long sinceMs, String reason) {}

    private final CampaignSource source;
    private final BudgetLedger ledger;
    private final int maxDropPercent;
    private final LongSupplier clockMs;
    private final AtomicReference<Catalog> current = new AtomicReference<>();
    private final LongAdder[] outcomes = new LongAdder[ReloadOutcome.values().length];
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "campaign-reloader");
        t.setDaemon(true);
        return t;
    });
    private volatile String loadedVersion;
    private volatile String rejectedVersion;
    private volatile Rejection rejection;

    /** @param maxDropPercent the most of the loaded campaigns (by id, in percent) a reload may drop; 100 allows all */
    public CampaignReloader(CampaignSource source, BudgetLedger ledger, int maxDropPercent) {
        this(source, ledger, maxDropPercent, System::currentTimeMillis);
    }

    /** As above, dating snapshots and rejections on {@code clockMs} (epoch milliseconds), for tests. */
    CampaignReloader(CampaignSource source, BudgetLedger ledger, int maxDropPercent, LongSupplier clockMs) {
        this.source = source;
        this.ledger = ledger;
        this.maxDropPercent = maxDropPercent;
        this.clockMs = clockMs;
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    @Override
    public Catalog get() {
        return current.get();
    }

    /**
     * Loads the campaigns now, on the calling thread, whatever they drop: at start there is nothing to keep.
     *
     * @throws CampaignFileException when the source is invalid
     */
    public Catalog loadNow() {
        return install(source.loadVersioned());
    }

    /** Checks the source every {@code intervalMs} and reloads it when it changed; 0 never checks. */
    public void startWatching(long intervalMs) {
        if (intervalMs > 0) {
            executor.scheduleWithFixedDelay(this::reloadIfChanged, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reloads when the source's content differs from the loaded one and from the one last rejected; says what it
     * did. Content that is rejected is logged once, and not tried again until it changes.
     */
    ReloadOutcome reloadIfChanged() {
        String version = source.version();
        if (version.equals(loadedVersion)) {
            // The file may have gone back to what is served after a rejected edit: nothing is pending any more.
            rejection = null;
            return ReloadOutcome.UNCHANGED;
        }
        if (version.equals(rejectedVersion)) {
            return ReloadOutcome.UNCHANGED;
        }
        CampaignSource.Loaded loaded;
        try {
            loaded = source.loadVersioned();
        } catch (CampaignFileException e) {
            LOG.error("campaign reload failed; keeping the campaigns loaded before", kv("source", source.describe()),
                    kv("problems", e.problems()));
            return reject(version, ReloadOutcome.FAILED, "invalid: " + e.problems().get(0));
        } catch (RuntimeException e) {
            LOG.error("campaign reload failed; keeping the campaigns loaded before", e);
            return reject(version, ReloadOutcome.FAILED, "failed: " + e);
        }
        if (loaded.version().equals(loadedVersion)) {
            rejection = null;
            return ReloadOutcome.UNCHANGED;
        }
        String refusal = refusal(loaded.campaigns());
        if (refusal != null) {
            LOG.warn("campaign reload refused; keeping the campaigns loaded before", kv("source", source.describe()),
                    kv("reason", refusal), kv("version", loaded.version()));
            return reject(loaded.version(), ReloadOutcome.REFUSED, refusal);
        }
        install(loaded);
        return ReloadOutcome.LOADED;
    }

    /** Checks of the source that ended with {@code outcome}, since start (the first load included). */
    public long reloads(ReloadOutcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }

    /** Whether the source holds content that was refused or is invalid, so what is served is older than it. */
    public boolean rejected() {
        return rejection != null;
    }

    @Override
    public void addTo(Map<String, Object> details) {
        Map<String, Object> reload = new LinkedHashMap<>();
        Rejection r = rejection;
        reload.put("state", r == null ? "ok" : r.outcome().tag());
        if (r != null) {
            reload.put("since", Instant.ofEpochMilli(r.sinceMs()).toString());
            reload.put("reason", r.reason());
        }
        reload.put("max_drop_percent", maxDropPercent);
        details.put("campaigns_reload", reload);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Catalog install(CampaignSource.Loaded loaded) {
        List<Campaign> campaigns = loaded.campaigns();
        Catalog catalog = Catalog.of(new CampaignSnapshot(campaigns, ledger, clockMs.getAsLong(), source.describe()));
        current.set(catalog);
        loadedVersion = loaded.version();
        rejectedVersion = null;
        rejection = null;
        outcomes[ReloadOutcome.LOADED.ordinal()].increment();
        LOG.info("campaigns loaded", kv("source", source.describe()), kv("campaigns", campaigns.size()),
                kv("active", catalog.snapshot().activeCampaigns()), kv("entries", catalog.snapshot().index().size()),
                kv("version", loaded.version()));
        return catalog;
    }

    private ReloadOutcome reject(String version, ReloadOutcome outcome, String reason) {
        rejectedVersion = version;
        rejection = new Rejection(outcome, clockMs.getAsLong(), reason);
        outcomes[outcome.ordinal()].increment();
        return outcome;
    }

    /** Why {@code next} may not replace the loaded campaigns, or null when it may. */
    private String refusal(List<Campaign> next) {
        Catalog loaded = current.get();
        if (maxDropPercent >= 100 || loaded == null || loaded.snapshot().campaigns().isEmpty()) {
            return null;
        }
        Set<String> kept = new HashSet<>();
        for (Campaign c : next) {
            kept.add(c.id());
        }
        List<Campaign> before = loaded.snapshot().campaigns();
        int dropped = 0;
        List<String> shown = new ArrayList<>();
        for (Campaign c : before) {
            if (!kept.contains(c.id())) {
                dropped++;
                if (shown.size() < DROPPED_IDS_SHOWN) {
                    shown.add(c.id());
                }
            }
        }
        if ((long) dropped * 100 <= (long) maxDropPercent * before.size()) {
            return null;
        }
        return "it would drop " + dropped + " of the " + before.size() + " campaigns loaded (" + dropped * 100
                / before.size() + "%, more than CAMPAIGNS_MAX_DROP_PERCENT=" + maxDropPercent + "), such as "
                + String.join(", ", shown);
    }
}
