package org.fargatedsp.bidder;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fargatedsp.bidder.auction.Auctioneer;
import org.fargatedsp.bidder.auction.BidIds;
import org.fargatedsp.bidder.auction.BidResponseWriter;
import org.fargatedsp.bidder.auction.Catalog;
import org.fargatedsp.bidder.bidlog.BidLog;
import org.fargatedsp.bidder.bidlog.BidLogObserver;
import org.fargatedsp.bidder.campaign.BudgetLedger;
import org.fargatedsp.bidder.check.BidChecker;
import org.fargatedsp.bidder.http.Endpoints;
import org.fargatedsp.bidder.http.HealthDetail;
import org.fargatedsp.bidder.http.RequestObserver;
import org.fargatedsp.bidder.http.RequestObservers;
import org.fargatedsp.bidder.http.RequestStats;
import org.fargatedsp.bidder.http.ServerState;
import org.fargatedsp.bidder.logging.SampledLogger;
import org.fargatedsp.bidder.metrics.BidderMetrics;
import org.fargatedsp.bidder.metrics.MetricsObserver;
import org.fargatedsp.bidder.notice.HeapNoticeDedupe;
import org.fargatedsp.bidder.notice.NoticeDedupe;
import org.fargatedsp.bidder.notice.NoticeEndpoint;
import org.fargatedsp.bidder.notice.NoticeSigner;
import org.fargatedsp.bidder.openrtb.BidRequestDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * Wires the bidder's request path from its {@link Config}, in this one place: the endpoints that serve traffic and
 * the warm-up's, which differ from them only where {@link #warmup} says. {@link Bidder} uses it for both; tests and
 * benchmarks use it to run the very same wiring on embedded channels.
 */
public final class BidderAssembly {
    /** A warm-up request without tmax waits for the cold JVM instead of timing out into a no-bid. */
    static final long WARMUP_DEFAULT_TMAX_MS = 60_000;
    /** The warm-up sends few notices, so its dedupe cache stays small: a thousand of them. */
    static final long WARMUP_NOTICE_DEDUPE_BYTES = HeapNoticeDedupe.minimumBytes();

    private final Config config;
    private final Supplier<Catalog> campaigns;
    private final ServerState state;
    private final LongSupplier clockMs;
    private final LongSupplier clockNanos;
    private final Auctioneer auctioneer;
    private final NoticeSigner signer;
    private final HeapNoticeDedupe notices;
    private final Endpoints.Logs logs;
    private final Endpoints.Logs warmupLogs;
    private final SampledLogger cpuBudgetLog;

    /**
     * @param campaigns the campaigns to bid on; null until loaded
     * @param clockMs epoch milliseconds of the auction (bid time, budgets) and of notices (the day spend counts on)
     */
    public BidderAssembly(Config config, Supplier<Catalog> campaigns, ServerState state, LongSupplier clockMs) {
        this(config, campaigns, state, clockMs, System::nanoTime);
    }

    /**
     * As above, with {@code clockNanos} (monotonic nanoseconds) for when requests' first bytes are read, their
     * deadlines and when their responses are written: for tests that drive that time.
     */
    public BidderAssembly(Config config, Supplier<Catalog> campaigns, ServerState state, LongSupplier clockMs,
            LongSupplier clockNanos) {
        this.config = config;
        this.campaigns = campaigns;
        this.state = state;
        this.clockMs = clockMs;
        this.clockNanos = clockNanos;
        this.auctioneer = new Auctioneer(config.fx());
        this.signer = new NoticeSigner(config.notices().signing());
        this.notices = new HeapNoticeDedupe(config.noticeDedupeMaxBytes(), config.noticeDedupeTtlMs());
        Logger requests = LoggerFactory.getLogger("org.fargatedsp.bidder.requests");
        SampledLogger failures = new SampledLogger(requests, "internal_error", config.errorLogsPerSecond());
        this.logs = new Endpoints.Logs(new SampledLogger(requests, "bad_request", config.errorLogsPerSecond()),
                failures, new SampledLogger(requests, "repaired_request", config.errorLogsPerSecond()));
        this.cpuBudgetLog = new SampledLogger(requests, "cpu_budget", config.errorLogsPerSecond());
        // The warm-up sends bad and repaired requests on purpose: they run the same code, and log nothing.
        this.warmupLogs = new Endpoints.Logs(new SampledLogger(NOPLogger.NOP_LOGGER, "bad_request",
                config.errorLogsPerSecond()), failures, new SampledLogger(NOPLogger.NOP_LOGGER, "repaired_request",
                config.errorLogsPerSecond()));
    }

    /**
     * Where requests leave their mark: the bid ids they take, the budgets their notices spend, the counters and the
     * observers (the counters first).
     */
    public record Outcomes(BidIds ids, BudgetLedger ledger, RequestStats stats, RequestObserver observer) {

        /** Outcomes counted by {@code stats} alone, for tests and benchmarks without metrics or a bid log. */
        public static Outcomes counted(BudgetLedger ledger, RequestStats stats) {
            return new Outcomes(new BidIds(), ledger, stats, stats);
        }
    }

    /** Outcomes as a running bidder reports them: counted in {@code stats}, metered, and written to the bid log. */
    public Outcomes outcomes(BidIds ids, BudgetLedger ledger, RequestStats stats, BidderMetrics metrics, BidLog bidLog,
            String taskId) {
        return new Outcomes(ids, ledger, stats, new RequestObservers(List.of(stats,
                new MetricsObserver(metrics, clockNanos),
                new BidLogObserver(bidLog, ids, auctioneer.currency(), taskId, config.metrics().version(),
                        clockNanos))));
    }

    /** The endpoints that serve traffic; {@code /health} shows {@code healthDetails} and the notice dedupe's use. */
    public Endpoints serving(Outcomes outcomes, List<HealthDetail> healthDetails) {
        return serving(outcomes, healthDetails, null);
    }

    /**
     * As above, with notices deduped by {@code shared} around this task's dedupe ({@code NOTICE_DEDUPE_TABLE}), or
     * by this task's alone when it is null.
     */
    public Endpoints serving(Outcomes outcomes, List<HealthDetail> healthDetails,
            Function<HeapNoticeDedupe, NoticeDedupe> shared) {
        NoticeDedupe dedupe = shared == null ? notices : shared.apply(notices);
        List<HealthDetail> details = new ArrayList<>(healthDetails);
        details.add(dedupe instanceof HealthDetail detail ? detail : notices);
        return endpoints(outcomes, dedupe, config.defaultTmaxMs(), details, logs, new Endpoints.CpuBudget(
                config.sourceCpuPercent(), config.sourceCpuBurstMs(), cpuBudgetLog));
    }

    /**
     * The warm-up's endpoints: those that serve traffic, on {@code throwaway} outcomes (ids, budgets, counters and
     * observers of the same classes, reaching no real meter, bid log or budget), with a default tmax for a cold
     * JVM, a small notice dedupe cache, nothing extra on {@code /health}, no CPU budget (it sends as fast as it
     * can, from one address), and no log line for the bad requests it sends on purpose (a failure inside the
     * bidder is still logged).
     */
    public Endpoints warmup(Outcomes throwaway) {
        return endpoints(throwaway, new HeapNoticeDedupe(WARMUP_NOTICE_DEDUPE_BYTES, config.noticeDedupeTtlMs()),
                WARMUP_DEFAULT_TMAX_MS, List.of(), warmupLogs, null);
    }

    /** Signs the notice tokens of every bid with {@code NOTICE_SIGNING_KEY}; the warm-up signs its notices with it. */
    public NoticeSigner noticeSigner() {
        return signer;
    }

    private Endpoints endpoints(Outcomes outcomes, NoticeDedupe dedupe, long defaultTmaxMs,
            List<HealthDetail> healthDetails, Endpoints.Logs logs, Endpoints.CpuBudget cpuBudget) {
        BidRequestDecoder decoder = new BidRequestDecoder(config.maxImps(), config.maxInflatedBodyBytes());
        return Endpoints.builder()
                .decoder(decoder)
                .auctioneer(auctioneer)
                .checker(config.bidCheckEnabled() ? new BidChecker(decoder, auctioneer, config.noticeBaseUrl()) : null)
                .writer(new BidResponseWriter(config.noticeBaseUrl(), auctioneer.currency(), outcomes.ids(), signer))
                .ids(outcomes.ids())
                .catalog(campaigns)
                .notices(new NoticeEndpoint(config.notices(), config.noticeDedupeTtlMs(), dedupe,
                        outcomes.ledger()::spend, config.fx(), outcomes.observer()))
                .state(state)
                .stats(outcomes.stats())
                .observer(outcomes.observer())
                .logs(logs)
                .limits(new Endpoints.BidLimits(config.maxInflatedBodyBytes(), defaultTmaxMs,
                        config.networkMarginMs()))
                .healthDetails(healthDetails)
                .clockMs(clockMs)
                .clockNanos(clockNanos)
                .cpuBudget(cpuBudget)
                .build();
    }

    /**
     * Binds the meters that watch the process: the campaigns' count and age (since {@code campaignsReadAtMs}, when
     * their source was last read, on this assembly's clock), the notice dedupe's use, Netty's allocator, the event
     * loops.
     */
    public void bindMeters(BidderMetrics metrics, EventLoopGroup eventLoops, LongSupplier campaignsReadAtMs) {
        metrics.bindCampaigns(() -> {
            Catalog c = campaigns.get();
            return c == null ? 0 : c.snapshot().activeCampaigns();
        }, campaignsReadAtMs, clockMs);
        metrics.bindNoticeDedupe(notices::bytes, notices::entries);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
            metrics.bindNettyAllocator(allocator);
        }
        metrics.bindEventLoops(eventLoops);
    }
}
