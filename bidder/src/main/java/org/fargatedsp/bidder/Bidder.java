package org.fargatedsp.bidder;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.List;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.BidResponseWriter;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSource;
import org.fargatedsp.bidder.http.BidderServer;
import org.fargatedsp.bidder.http.Endpoints;
import org.fargatedsp.bidder.http.RequestStats;
import org.fargatedsp.bidder.http.SampledLog;
import org.fargatedsp.bidder.http.ServerState;
import org.fargatedsp.bidder.http.Transport;
import org.fargatedsp.bidder.notice.NoticeEndpoint;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bidder process: wires configuration, campaigns and the server, and runs the lifecycle that ECS expects,
 * from starting (health 503) through ready (200) to draining on SIGTERM (503 while still answering) and closing.
 */
public final class Bidder {
    private static final Logger LOG = LoggerFactory.getLogger(Bidder.class);

    private final Config config;
    private final ServerState state = new ServerState();
    private final RequestStats stats = new RequestStats();
    private final BudgetLedger ledger = new BudgetLedger();
    private final CampaignReloader campaigns;
    private final BidderServer server;
    private final Object shutdownLock = new Object();
    private boolean stopped;
    private final java.util.concurrent.CountDownLatch terminated = new java.util.concurrent.CountDownLatch(1);
    private int port = -1;

    public Bidder(Config config) {
        this.config = config;
        this.campaigns = new CampaignReloader(
                new CampaignSource(config.campaignsFile(), config.syntheticCampaigns(), config.seat()), ledger);
        this.server = new BidderServer(Transport.choose(config.transport()), config.eventLoopThreads(),
                config.shedLagMs());
    }

    /**
     * Starts listening, loads the campaigns and turns ready. Returns the bound port.
     *
     * @throws org.fargatedsp.bidder.campaign.CampaignFileException when the campaigns cannot be loaded
     */
    public int start() throws InterruptedException {
        SampledLog log = new SampledLog(LoggerFactory.getLogger("org.fargatedsp.bidder.requests"),
                config.errorLogsPerSecond());
        Auctioneer auctioneer = new Auctioneer(config.fx());
        BidIds ids = new BidIds();
        Endpoints endpoints = Endpoints.create(
                new BidRequestDecoder(config.maxImps(), config.maxInflatedBodyBytes()),
                auctioneer,
                new BidResponseWriter(config.noticeBaseUrl(), auctioneer.currency(), ids),
                ids,
                campaigns,
                new NoticeEndpoint(ledger, stats, config.noticeDedupeMaxEntries(), config.noticeDedupeTtlMs()),
                state,
                stats,
                stats,
                log,
                new Endpoints.BidLimits(config.maxInflatedBodyBytes(), config.defaultTmaxMs(),
                        config.networkMarginMs()),
                List.of());
        port = server.start(config.bindAddress(), config.port(), endpoints, config.idleTimeoutMs(),
                config.requestReadTimeoutMs(), config.maxBodyBytes(), config.gzipLevel());
        campaigns.loadNow();
        campaigns.startWatching(config.campaignsReloadMs());
        state.moveTo(ServerState.Phase.READY);
        LOG.info("bidder ready", kv("port", port));
        return port;
    }

    public int port() {
        return port;
    }

    public ServerState state() {
        return state;
    }

    public RequestStats stats() {
        return stats;
    }

    public BudgetLedger ledger() {
        return ledger;
    }

    public CampaignReloader campaigns() {
        return campaigns;
    }

    /** Blocks until the bidder has stopped. */
    public void awaitStopped() throws InterruptedException {
        terminated.await();
    }

    /** Turns {@code /health} to 503 so the load balancer stops sending, while requests are still answered. */
    public void beginDrain() {
        state.moveTo(ServerState.Phase.DRAINING);
        LOG.info("draining", kv("drain_ms", config.drainMs()));
    }

    /**
     * The SIGTERM sequence: drain for the configured time, stop accepting, let in-flight requests finish, close.
     * Safe to call more than once and from several threads; returns when the bidder has stopped.
     */
    public void shutdown() {
        synchronized (shutdownLock) {
            if (stopped) {
                return;
            }
            beginDrain();
            sleepQuietly(config.drainMs());
            stopNow();
        }
    }

    /** Stops accepting and closes connections at once, without the drain period. */
    public void stopNow() {
        synchronized (shutdownLock) {
            if (stopped) {
                return;
            }
            state.moveTo(ServerState.Phase.CLOSING);
            server.stopAccepting();
            server.close(config.shutdownTimeoutMs());
            campaigns.close();
            stopped = true;
            terminated.countDown();
            LOG.info("bidder stopped", kv("bids", stats.bids()));
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            // The drain period is wall time the load balancer needs to notice the 503; nothing to wait on.
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
