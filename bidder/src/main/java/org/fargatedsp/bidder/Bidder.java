package org.fargatedsp.bidder;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.aws.DynamoDbClients;
import org.fargatedsp.bidder.bidlog.BidLog;
import org.fargatedsp.bidder.bidlog.BidLogFiles;
import org.fargatedsp.bidder.bidlog.BidLogHealth;
import org.fargatedsp.bidder.bidlog.FileBidLog;
import org.fargatedsp.bidder.budget.FleetBudgets;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.campaign.CampaignLocation;
import org.fargatedsp.bidder.campaign.CampaignSource;
import org.fargatedsp.bidder.campaign.FileCampaignSource;
import org.fargatedsp.bidder.campaign.InProcessBudget;
import org.fargatedsp.bidder.campaign.table.CampaignTable;
import org.fargatedsp.bidder.campaign.table.TableCampaignSource;
import org.fargatedsp.bidder.http.BidderServer;
import org.fargatedsp.bidder.http.ConnectionSettings;
import org.fargatedsp.bidder.http.Endpoints;
import org.fargatedsp.bidder.http.HealthDetail;
import org.fargatedsp.bidder.http.LoadShedder;
import org.fargatedsp.bidder.http.RequestStats;
import org.fargatedsp.bidder.http.ServerState;
import org.fargatedsp.bidder.http.Transport;
import org.fargatedsp.bidder.http.Warmup;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.metrics.CommonTags;
import org.fargatedsp.metrics.EcsMetadataReader;
import org.fargatedsp.metrics.EcsTaskMetadata;
import org.fargatedsp.metrics.MeterRegistries;
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bidder process and the lifecycle ECS expects: starting (health 503) through ready (200) to draining on SIGTERM
 * (503 while still answering) and closing, which drains the bid log and sends the last metrics. What it serves is
 * wired by {@link BidderAssembly}.
 */
public final class Bidder {
    private static final Logger LOG = LoggerFactory.getLogger(Bidder.class);
    static final long MAX_START_RETRY_MS = 10_000;

    private final Config config;
    private final LongSupplier clockMs;
    private final BidLogFiles bidLogFiles;
    private final ServerState state = new ServerState();
    private final RequestStats stats = new RequestStats();
    private final DynamoDbClient dynamoDb;
    private final FleetBudgets fleet;
    private final BudgetLedger ledger;
    private final CampaignReloader campaigns;
    private final BidderServer server;
    private final BidderAssembly assembly;
    private final Object shutdownLock = new Object();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private BidderMetrics metrics;
    private FileBidLog bidLog;
    private boolean stopped;
    private volatile int port = -1;

    public Bidder(Config config) {
        this(config, System::currentTimeMillis);
    }

    /**
     * A bidder whose auctions, notices and bid log read the time from {@code clockMs} (epoch milliseconds), for
     * tests.
     */
    public Bidder(Config config, LongSupplier clockMs) {
        this(config, clockMs, BidLogFiles.system());
    }

    /** As above, with the bid log written through {@code bidLogFiles}: for tests that make the disk fail. */
    public Bidder(Config config, LongSupplier clockMs, BidLogFiles bidLogFiles) {
        this.config = config;
        this.clockMs = clockMs;
        this.bidLogFiles = bidLogFiles;
        this.dynamoDb = config.campaignsSource().kind() == CampaignLocation.Kind.DYNAMODB
                || config.budget().table() != null || config.budget().noticeTable() != null
                ? DynamoDbClients.create(config.aws()) : null;
        this.fleet = FleetBudgets.open(config.budget(), dynamoDb, clockMs);
        this.ledger = fleet != null ? fleet.ledger()
                : new BudgetLedger(campaign -> new InProcessBudget(campaign, config.budget().burstPercent()));
        this.campaigns = new CampaignReloader(campaignSource(config, dynamoDb, clockMs), ledger,
                config.campaignsMaxDropPercent(), clockMs);
        this.server = new BidderServer(Transport.choose(config.transport()), config.eventLoopThreads(),
                new LoadShedder(config.shedLagMs(), config.shedSustainedMs()));
        this.assembly = new BidderAssembly(config, campaigns, state, clockMs);
    }

    /**
     * Where {@code config} says campaigns come from; a table is read through {@code dynamoDb}, its reads dated on
     * {@code clockMs}.
     */
    static CampaignSource campaignSource(Config config, DynamoDbClient dynamoDb, LongSupplier clockMs) {
        CampaignLocation location = config.campaignsSource();
        return switch (location.kind()) {
            case EMBEDDED -> new FileCampaignSource(null, config.syntheticCampaigns(), config.seat());
            case FILE -> new FileCampaignSource(location.file(), config.syntheticCampaigns(), config.seat());
            case DYNAMODB -> new TableCampaignSource(new CampaignTable(dynamoDb, location.table()), config.seat(),
                    config.campaignsFullReloadEvery(), clockMs);
        };
    }

    /**
     * Starts listening, loads the campaigns, warms up and turns ready. Returns the bound port. Until the campaigns
     * are loaded {@code /health} says 503; a DynamoDB table that does not answer is tried again until it does
     * (its details say why), a file that is invalid fails the start.
     *
     * @throws org.fargatedsp.bidder.campaign.CampaignFileException when the campaign file cannot be loaded
     * @throws UncheckedIOException when the bid-log directory cannot be used
     */
    public int start() throws InterruptedException {
        if (config.notices().signing().generated()) {
            LOG.warn("NOTICE_SIGNING_KEY is not set: notices are signed with a key drawn for this process, and will"
                    + " not verify after a restart or on another task");
        }
        EcsTaskMetadata task = EcsMetadataReader.read(config.ecsEnv());
        metrics = new BidderMetrics(MeterRegistries.create(config.metrics(), CommonTags.of(task, config.metrics())));
        BidLog log = BidLog.disabled();
        if (config.bidLog().enabled()) {
            bidLog = openBidLog(task.taskId());
            metrics.bindBidLog(bidLog);
            log = bidLog;
        }
        List<HealthDetail> details = new ArrayList<>(List.of(campaigns, BidLogHealth.of(bidLog)));
        if (fleet != null) {
            fleet.start(task.taskId());
            metrics.bindBudget(fleet);
            details.add(fleet);
        }
        Endpoints endpoints = assembly.serving(assembly.outcomes(new BidIds(), ledger, stats, metrics, log,
                task.taskId()), details, fleet == null ? null : fleet::dedupe);
        ConnectionSettings connections = config.connections();
        port = server.start(config.bindAddress(), config.port(), endpoints,
                connections.withCaps(connections.caps().forThisProcess(connections.bytesPerConnection())));
        assembly.bindMeters(metrics, server.workers(), campaigns::readAtMillis);
        metrics.bindCampaignReloads(campaigns::reloads, campaigns::rejected);
        metrics.bindConnections(server.stats());
        campaigns.loadAtStart(startRetryMs(config.campaignsRefreshMs()));
        warmUp(task.taskId());
        campaigns.startWatching(config.campaignsRefreshMs());
        state.moveTo(ServerState.Phase.READY);
        LOG.info("bidder ready", kv("port", port), kv("task_id", task.taskId()));
        return port;
    }

    /**
     * Compiles the bid path before the first real request: warm-up requests go over loopback sockets to a private
     * listener on the same event loops, whose endpoints ({@link BidderAssembly#warmup}) work on the loaded
     * campaigns with observers of the same classes as the real ones, reaching no counter, meter, bid log or budget.
     */
    private void warmUp(String taskId) throws InterruptedException {
        if (config.warmupRequests() <= 0) {
            return;
        }
        try (BidderMetrics throwaway = new BidderMetrics(MeterRegistries.throwawayLike(metrics.registry()))) {
            Endpoints warm = assembly.warmup(assembly.outcomes(new BidIds(), new BudgetLedger(), new RequestStats(),
                    throwaway, BidLog.disabled(), taskId));
            Channel listener = server.startPrivate(warm, config.connections());
            try {
                Warmup.run((InetSocketAddress) listener.localAddress(), config.warmupRequests(),
                        config.warmupMaxMs(), config.eventLoopThreads(), true, assembly.noticeSigner());
            } finally {
                listener.close().syncUninterruptibly();
            }
        }
    }

    /** The longest pause between reads of a source that does not answer at start: the refresh interval, up to 10 s. */
    static long startRetryMs(long refreshMs) {
        return refreshMs <= 0 ? MAX_START_RETRY_MS : Math.min(refreshMs, MAX_START_RETRY_MS);
    }

    private FileBidLog openBidLog(String taskId) {
        try {
            return FileBidLog.start(config.bidLog(), taskId, bidLogFiles, clockMs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the bid log in " + config.bidLog().dir(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The Netty server, for what tests and benchmarks look at: its connections and what it did to them. */
    public BidderServer server() {
        return server;
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

    /** What this bidder shares with the fleet through DynamoDB, or null without a budget or notice table. */
    public FleetBudgets fleet() {
        return fleet;
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

    /** Signs this bidder's notice tokens: for tests that send notices as an exchange would. */
    public NoticeSigner noticeSigner() {
        return assembly.noticeSigner();
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
            server.close(config.shutdownTimeoutMs());
            if (fleet != null) {
                // No notice arrives any more: decide the claims waiting, and write the spend to the budget table.
                fleet.close(config.shutdownTimeoutMs());
            }
            campaigns.close();
            if (dynamoDb != null) {
                dynamoDb.close();
            }
            if (bidLog != null) {
                bidLog.shutdown();
            }
            if (metrics != null) {
                metrics.close();
            }
            stopped = true;
            terminated.countDown();
            LOG.info("bidder stopped", kv("bids", stats.bids()),
                    kv("bid_log_written", bidLog == null ? 0 : bidLog.written()),
                    kv("bid_log_dropped", bidLog == null ? Map.of() : bidLog.droppedByCause()));
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
