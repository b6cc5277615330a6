package org.fargatedsp.bidder;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.BidResponseWriter;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.bidlog.BidLog;
import org.fargatedsp.bidder.bidlog.BidLogObserver;
import org.fargatedsp.bidder.bidlog.FileBidLog;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignSource;
import org.fargatedsp.bidder.http.BidderServer;
import org.fargatedsp.bidder.http.Endpoints;
import org.fargatedsp.bidder.http.HealthDetail;
import org.fargatedsp.bidder.http.RequestObserver;
import org.fargatedsp.bidder.http.RequestObservers;
import org.fargatedsp.bidder.http.RequestStats;
import org.fargatedsp.bidder.http.ServerState;
import org.fargatedsp.bidder.http.Transport;
import org.fargatedsp.bidder.http.Warmup;
import org.fargatedsp.bidder.logging.SampledLogger;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.bidder.metrics.CommonTags;
import org.fargatedsp.bidder.metrics.EcsMetadataReader;
import org.fargatedsp.bidder.metrics.EcsTaskMetadata;
import org.fargatedsp.bidder.metrics.MeterRegistries;
import org.fargatedsp.bidder.metrics.MetricsObserver;
import org.fargatedsp.bidder.notice.NoticeEndpoint;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bidder process: wires configuration, campaigns, metrics, the bid log and the server, and runs the
 * lifecycle that ECS expects, from starting (health 503) through ready (200) to draining on SIGTERM (503 while
 * still answering) and closing, which drains the bid log and sends the last metrics.
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
    private final CountDownLatch terminated = new CountDownLatch(1);
    private BidderMetrics metrics;
    private FileBidLog bidLog;
    private boolean stopped;
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
     * @throws UncheckedIOException when the bid-log directory cannot be used
     */
    public int start() throws InterruptedException {
        EcsTaskMetadata task = EcsMetadataReader.read(config.ecsEnv());
        metrics = new BidderMetrics(MeterRegistries.create(config.metrics(), CommonTags.of(task, config.metrics())));
        BidIds ids = new BidIds();
        Auctioneer auctioneer = new Auctioneer(config.fx());
        BidLog log = BidLog.disabled();
        if (config.bidLog().enabled()) {
            bidLog = openBidLog(task.taskId());
            metrics.bindBidLog(bidLog);
            log = bidLog;
        }
        RequestObserver observer = new RequestObservers(List.of(stats, new MetricsObserver(metrics),
                new BidLogObserver(log, ids, auctioneer.currency(), task.taskId(), config.metrics().version())));
        Logger requests = LoggerFactory.getLogger("org.fargatedsp.bidder.requests");
        Endpoints.Logs logs = new Endpoints.Logs(
                new SampledLogger(requests, "bad_request", config.errorLogsPerSecond()),
                new SampledLogger(requests, "internal_error", config.errorLogsPerSecond()));
        Endpoints endpoints = Endpoints.create(
                new BidRequestDecoder(config.maxImps(), config.maxInflatedBodyBytes()),
                auctioneer,
                new BidResponseWriter(config.noticeBaseUrl(), auctioneer.currency(), ids),
                ids,
                campaigns,
                new NoticeEndpoint(ledger, observer, config.noticeDedupeMaxEntries(), config.noticeDedupeTtlMs()),
                state,
                stats,
                observer,
                logs,
                new Endpoints.BidLimits(config.maxInflatedBodyBytes(), config.defaultTmaxMs(),
                        config.networkMarginMs()),
                List.of(this::bidLogHealth));
        port = server.start(config.bindAddress(), config.port(), endpoints, config.idleTimeoutMs(),
                config.requestReadTimeoutMs(), config.maxBodyBytes(), config.gzipLevel());
        bindServerMeters();
        campaigns.loadNow();
        warmUp(auctioneer, logs, task.taskId());
        campaigns.startWatching(config.campaignsReloadMs());
        state.moveTo(ServerState.Phase.READY);
        LOG.info("bidder ready", kv("port", port), kv("task_id", task.taskId()));
        return port;
    }

    /**
     * Compiles the bid path before the first real request: warm-up requests go over loopback sockets to a private
     * listener on the same event loops, with endpoints of their own on the loaded campaigns and observers of the
     * same classes as the real ones, whose outcomes reach no counter, meter, bid log or budget.
     */
    private void warmUp(Auctioneer auctioneer, Endpoints.Logs logs, String taskId) throws InterruptedException {
        if (config.warmupRequests() <= 0) {
            return;
        }
        RequestStats ignored = new RequestStats();
        BidIds warmupIds = new BidIds();
        BidderMetrics throwaway = new BidderMetrics(MeterRegistries.throwawayLike(metrics.registry()));
        RequestObserver observer = new RequestObservers(List.of(ignored, new MetricsObserver(throwaway),
                new BidLogObserver(record -> false, warmupIds, auctioneer.currency(), taskId,
                        config.metrics().version())));
        Endpoints warm = Endpoints.create(
                new BidRequestDecoder(config.maxImps(), config.maxInflatedBodyBytes()),
                auctioneer,
                new BidResponseWriter(config.noticeBaseUrl(), auctioneer.currency(), warmupIds),
                warmupIds,
                campaigns,
                new NoticeEndpoint(new BudgetLedger(), observer, 1_000, config.noticeDedupeTtlMs()),
                state,
                ignored,
                observer,
                logs,
                new Endpoints.BidLimits(config.maxInflatedBodyBytes(), 60_000, config.networkMarginMs()),
                List.of());
        Channel listener = server.startPrivate(warm, config.maxBodyBytes(), config.gzipLevel());
        try {
            Warmup.run((InetSocketAddress) listener.localAddress(), config.warmupRequests(), config.warmupMaxMs(),
                    config.eventLoopThreads(), true);
        } finally {
            listener.close().syncUninterruptibly();
            throwaway.close();
        }
    }

    private FileBidLog openBidLog(String taskId) {
        try {
            return FileBidLog.start(config.bidLog(), taskId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the bid log in " + config.bidLog().dir(), e);
        }
    }

    private void bindServerMeters() {
        metrics.bindCampaigns(() -> {
            Catalog c = campaigns.get();
            return c == null ? 0 : c.snapshot().activeCampaigns();
        }, () -> {
            Catalog c = campaigns.get();
            return c == null ? 0 : c.snapshot().loadedAtMillis();
        }, System::currentTimeMillis);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
            metrics.bindNettyAllocator(allocator);
        }
        metrics.bindEventLoops(server.workers());
    }

    /** The bid log's state in {@code /health}: disk use against its budget and what was dropped. */
    private void bidLogHealth(java.util.Map<String, Object> details) {
        if (bidLog == null) {
            details.put("bid_log", "disabled");
            return;
        }
        java.util.Map<String, Object> log = new java.util.LinkedHashMap<>();
        log.put("disk_bytes", bidLog.diskBytes());
        log.put("max_disk_bytes", bidLog.maxDiskBytes());
        log.put("disk_files", bidLog.diskFiles());
        log.put("over_budget", bidLog.overBudget());
        log.put("queue_depth", bidLog.queueDepth());
        log.put("files_publishing", bidLog.filesPublishing());
        log.put("written", bidLog.written());
        java.util.Map<String, Long> dropped = new java.util.LinkedHashMap<>();
        for (org.fargatedsp.bidder.bidlog.DropCause cause : org.fargatedsp.bidder.bidlog.DropCause.values()) {
            dropped.put(cause.tag(), bidLog.dropped(cause));
        }
        log.put("dropped", dropped);
        details.put("bid_log", log);
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

    /** The bid log, or null when {@code BID_LOG_ENABLED=false}. */
    public FileBidLog bidLog() {
        return bidLog;
    }

    public BidderMetrics metrics() {
        return metrics;
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

    /**
     * Stops accepting and closes connections at once, without the drain period; then writes out the bid log's
     * queue and its last file, and sends the last metrics.
     */
    public void stopNow() {
        synchronized (shutdownLock) {
            if (stopped) {
                return;
            }
            state.moveTo(ServerState.Phase.CLOSING);
            server.stopAccepting();
            server.close(config.shutdownTimeoutMs());
            campaigns.close();
            if (bidLog != null) {
                bidLog.shutdown();
            }
            if (metrics != null) {
                metrics.close();
            }
            stopped = true;
            terminated.countDown();
            java.util.Map<String, Long> dropped = new java.util.LinkedHashMap<>();
            if (bidLog != null) {
                for (org.fargatedsp.bidder.bidlog.DropCause cause : org.fargatedsp.bidder.bidlog.DropCause.values()) {
                    dropped.put(cause.tag(), bidLog.dropped(cause));
                }
            }
            LOG.info("bidder stopped", kv("bids", stats.bids()),
                    kv("bid_log_written", bidLog == null ? 0 : bidLog.written()), kv("bid_log_dropped", dropped));
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
