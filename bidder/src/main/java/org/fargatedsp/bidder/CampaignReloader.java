package org.fargatedsp.bidder;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.campaign.CampaignFileException;
import org.fargatedsp.bidder.campaign.CampaignSnapshot;
import org.fargatedsp.bidder.campaign.CampaignSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Catalog} and replaces it when the campaign source changes. Loading, validating and
 * indexing run on this class's own thread; the event loops only ever read the reference. A source that turns
 * invalid is reported and ignored: the last good campaigns keep bidding.
 */
public final class CampaignReloader implements Supplier<Catalog>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignReloader.class);

    private final CampaignSource source;
    private final BudgetLedger ledger;
    private final AtomicReference<Catalog> current = new AtomicReference<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "campaign-reloader");
        t.setDaemon(true);
        return t;
    });
    private volatile String loadedVersion;
    private volatile String failedVersion;

    public CampaignReloader(CampaignSource source, BudgetLedger ledger) {
        this.source = source;
        this.ledger = ledger;
    }

    @Override
    public Catalog get() {
        return current.get();
    }

    /**
     * Loads the campaigns now, on the calling thread.
     *
     * @throws CampaignFileException when the source is invalid
     */
    public Catalog loadNow() {
        String version = source.version();
        List<Campaign> campaigns = source.load();
        Catalog catalog = Catalog.of(new CampaignSnapshot(campaigns, ledger, System.currentTimeMillis(),
                source.describe()));
        current.set(catalog);
        loadedVersion = version;
        LOG.info("campaigns loaded", kv("source", source.describe()), kv("campaigns", campaigns.size()),
                kv("active", catalog.snapshot().activeCampaigns()), kv("entries", catalog.snapshot().index().size()));
        return catalog;
    }

    /** Checks the source every {@code intervalMs} and reloads it when it changed; 0 never checks. */
    public void startWatching(long intervalMs) {
        if (intervalMs > 0) {
            executor.scheduleWithFixedDelay(this::reloadIfChanged, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Reloads when the source's version differs from the loaded one; returns whether it did. */
    boolean reloadIfChanged() {
        String version = source.version();
        if (version.equals(loadedVersion) || version.equals(failedVersion)) {
            return false;
        }
        try {
            loadNow();
            failedVersion = null;
            return true;
        } catch (CampaignFileException e) {
            failedVersion = version;
            LOG.error("campaign reload failed; keeping the campaigns loaded before", kv("source", source.describe()),
                    kv("problems", e.problems()));
            return false;
        } catch (RuntimeException e) {
            failedVersion = version;
            LOG.error("campaign reload failed; keeping the campaigns loaded before", e);
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
