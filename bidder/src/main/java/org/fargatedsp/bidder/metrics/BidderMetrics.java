package org.fargatedsp.bidder.metrics;

import org.fargatedsp.bidder.auction.NoBidReason;
import org.fargatedsp.bidder.check.CheckOutcome;
import org.fargatedsp.bidder.http.ConnectionStats;
import org.fargatedsp.bidder.notice.NoticeRejection;
import org.fargatedsp.bidder.openrtb.BadRequestException;
import org.fargatedsp.bidder.openrtb.RepairField;
import org.fargatedsp.bidder.openrtb.Repairs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.fargatedsp.bidder.bidlog.BidLogStats;
import org.fargatedsp.bidder.budget.BudgetStats;
import org.fargatedsp.bidder.bidlog.DropCause;
import org.fargatedsp.bidder.campaign.ReloadOutcome;
import org.fargatedsp.bidlog.RecordType;
import org.fargatedsp.metrics.JvmMeters;

/**
 * Every meter of the bidder, registered once at start-up. The methods the request path calls look nothing up and
 * allocate nothing: meters sit in arrays indexed by enum ordinal. Names are listed in {@code docs/observability.md}.
 */
public final class BidderMetrics implements AutoCloseable {
    public static final String REQUESTS = "dsp.bidder.requests";
    public static final String HTTP_RESPONSES = "dsp.bidder.http.responses";
    public static final String REQUEST_LATENCY = "dsp.bidder.request.latency";
    public static final String BAD_REQUESTS = "dsp.bidder.bad_requests";
    public static final String BID_CHECKS = "dsp.bidder.bid_checks";
    public static final String REPAIRS = "dsp.bidder.repairs";
    public static final String IMPS_DUPLICATE = "dsp.bidder.imps.duplicate";
    public static final String BID_PRICE = "dsp.bidder.bid.price";
    public static final String NOTICES = "dsp.bidder.notices";
    public static final String NOTICES_REJECTED = "dsp.bidder.notices.rejected";
    public static final String SPEND = "dsp.bidder.spend";
    public static final String NOTICE_DEDUPE_BYTES = "dsp.bidder.notices.dedupe.bytes";
    public static final String NOTICE_DEDUPE_ENTRIES = "dsp.bidder.notices.dedupe.entries";
    public static final String NOTICE_DEDUPE_FALLBACKS = "dsp.bidder.notices.dedupe.fallbacks";
    public static final String BUDGET_TABLE_FAILING = "dsp.bidder.budget.table.failing";
    public static final String BUDGET_UNFLUSHED = "dsp.bidder.budget.unflushed";
    public static final String BUDGET_LATE_SPEND = "dsp.bidder.budget.late_spend";
    public static final String CAMPAIGNS_ACTIVE = "dsp.bidder.campaigns.active";
    public static final String CAMPAIGNS_AGE = "dsp.bidder.campaigns.age";
    public static final String CAMPAIGNS_RELOADS = "dsp.bidder.campaigns.reloads";
    public static final String CAMPAIGNS_RELOAD_REJECTED = "dsp.bidder.campaigns.reload.rejected";
    public static final String BIDLOG_QUEUE_DEPTH = "dsp.bidder.bidlog.queue.depth";
    public static final String BIDLOG_QUEUE_BYTES = "dsp.bidder.bidlog.queue.bytes";
    public static final String BIDLOG_FILES_PUBLISHING = "dsp.bidder.bidlog.files.publishing";
    public static final String BIDLOG_DISK_BYTES = "dsp.bidder.bidlog.disk.bytes";
    public static final String BIDLOG_DISK_FILES = "dsp.bidder.bidlog.disk.files";
    public static final String BIDLOG_DISK_OVER_BUDGET = "dsp.bidder.bidlog.disk.over_budget";
    public static final String BIDLOG_WRITE_FAILING = "dsp.bidder.bidlog.write_failing";
    public static final String BIDLOG_WRITTEN = "dsp.bidder.bidlog.written";
    public static final String BIDLOG_DROPPED = "dsp.bidder.bidlog.dropped";
    public static final String CONNECTIONS_OPEN = "dsp.bidder.connections.open";
    public static final String CONNECTIONS_REFUSED = "dsp.bidder.connections.refused";
    public static final String CONNECTIONS_STALLED = "dsp.bidder.connections.stalled";

    private static final double MICROS_PER_UNIT = 1_000_000.0;
    private static final RepairField[] REPAIR_FIELDS = RepairField.values();
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250)};

    private final MeterRegistry registry;
    private final Counter bids;
    private final Counter internalErrors;
    private final Counter[] noBids = new Counter[NoBidReason.values().length];
    private final Counter[] badRequestsAsRequests = new Counter[BadRequestException.Kind.values().length];
    private final Counter[] badRequests = new Counter[BadRequestException.Kind.values().length];
    private final Counter[] repairs = new Counter[REPAIR_FIELDS.length];
    private final Counter duplicateImps;
    private final Counter[] responsesByClass = new Counter[3];
    private final Counter[] notices = new Counter[RecordType.values().length];
    private final Counter[] rejectedNotices = new Counter[NoticeRejection.values().length];
    private final Counter[] checks = new Counter[CheckOutcome.values().length];
    private final Timer latency;
    private final DistributionSummary bidPrice;
    private final Counter spend;
    private final JvmMeters jvm;

    /** Registers the request, notice and JVM meters on {@code registry}. */
    public BidderMetrics(MeterRegistry registry) {
        this.registry = registry;
        bids = request("bid", "none");
        internalErrors = request("error", "internal");
        for (NoBidReason r : NoBidReason.values()) {
            noBids[r.ordinal()] = request("nobid", r.tag());
        }
        for (BadRequestException.Kind k : BadRequestException.Kind.values()) {
            badRequestsAsRequests[k.ordinal()] = request("error", k.tag());
            badRequests[k.ordinal()] = Counter.builder(BAD_REQUESTS).tag("kind", k.tag())
                    .description("Requests rejected as malformed, by what was wrong").register(registry);
        }
        for (RepairField f : REPAIR_FIELDS) {
            repairs[f.ordinal()] = Counter.builder(REPAIRS).tag("field", f.path())
                    .description("Values of bid requests the decoder coerced or dropped, by field").register(registry);
        }
        duplicateImps = Counter.builder(IMPS_DUPLICATE)
                .description("Impressions skipped because an earlier one of their request has the same id")
                .register(registry);
        String[] classes = {"2xx", "4xx", "5xx"};
        for (int i = 0; i < classes.length; i++) {
            responsesByClass[i] = Counter.builder(HTTP_RESPONSES).tag("status_class", classes[i])
                    .description("HTTP responses sent, by status class").register(registry);
        }
        for (RecordType t : new RecordType[] {RecordType.WIN, RecordType.BILLING, RecordType.LOSS}) {
            notices[t.ordinal()] = Counter.builder(NOTICES).tag("type", t.code())
                    .description("Win, billing and loss notices received").register(registry);
        }
        for (NoticeRejection r : NoticeRejection.values()) {
            rejectedNotices[r.ordinal()] = Counter.builder(NOTICES_REJECTED).tag("reason", r.tag())
                    .description("Notices refused with 403: not signed by this bidder, or a price it cannot take")
                    .register(registry);
        }
        for (CheckOutcome o : CheckOutcome.values()) {
            checks[o.ordinal()] = Counter.builder(BID_CHECKS).tag("outcome", o.tag())
                    .description("Bid checks (/openrtb2/bid/check), by what they found; never bid requests")
                    .register(registry);
        }
        latency = Timer.builder(REQUEST_LATENCY)
                .description("Time from bid request received to response written")
                .publishPercentiles(0.5, 0.9, 0.99, 0.999)
                // Micrometer's Datadog registry publishes no percentile-histogram buckets, so the histogram is a
                // fixed set of cumulative buckets (.histogram, tag le): these add up across tasks, percentiles don't.
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        bidPrice = DistributionSummary.builder(BID_PRICE).baseUnit("cpm")
                .description("Prices bid, CPM in the bid currency")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(registry);
        spend = Counter.builder(SPEND).baseUnit("currency_units")
                .description("Clearing prices of billed impressions, in currency units (CPM / 1000 each)")
                .register(registry);
        jvm = JvmMeters.bindTo(registry);
    }

    /** A bid request answered with at least one bid. */
    public void bid() {
        bids.increment();
    }

    /** A bid request answered with no bid. */
    public void noBid(NoBidReason reason) {
        noBids[reason.ordinal()].increment();
    }

    /** A request rejected as bad; counts it as a request with outcome {@code error} too. */
    public void badRequest(BadRequestException.Kind kind) {
        badRequests[kind.ordinal()].increment();
        badRequestsAsRequests[kind.ordinal()].increment();
    }

    /** A bid check, which is not a bid request. */
    public void bidCheck(CheckOutcome outcome) {
        checks[outcome.ordinal()].increment();
    }

    /** What the decoder repaired in one request: the values of each field, and the duplicate impressions. */
    public void repaired(Repairs r) {
        for (int i = 0; i < REPAIR_FIELDS.length; i++) {
            int n = r.count(REPAIR_FIELDS[i]);
            if (n > 0) {
                repairs[i].increment(n);
            }
        }
        if (r.duplicateImps() > 0) {
            duplicateImps.increment(r.duplicateImps());
        }
    }

    /** A request that failed inside the bidder. */
    public void internalError() {
        internalErrors.increment();
    }

    /** An HTTP response with {@code status}: 1xx-3xx count as 2xx (the bidder sends only 200 and 204 there). */
    public void response(int status) {
        responsesByClass[status >= 500 ? 2 : status >= 400 ? 1 : 0].increment();
    }

    /** The time one request took, from received to response written. */
    public void latencyNanos(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One bid's price, a CPM in micros. */
    public void bidPriceMicros(long cpmMicros) {
        bidPrice.record(cpmMicros / MICROS_PER_UNIT);
    }

    /** A notice refused with 403, for {@code reason}. */
    public void noticeRejected(NoticeRejection reason) {
        rejectedNotices[reason.ordinal()].increment();
    }

    /** A win, billing or loss notice; a {@code BID} type is not a notice and is ignored. */
    public void notice(RecordType type) {
        Counter c = notices[type.ordinal()];
        if (c != null) {
            c.increment();
        }
    }

    /** Money spent on one billed impression: the clearing CPM in micros, divided by 1000 impressions. */
    public void spendCpmMicros(long cpmMicros) {
        spend.increment(cpmMicros / MICROS_PER_UNIT / 1000.0);
    }

    /**
     * Gauges of the campaign snapshot: how many campaigns are active, and its age in seconds since {@code readAtMs},
     * when the source was last read with the snapshot still its content (NaN before the first load, when
     * {@code readAtMs} returns 0 or less).
     */
    public void bindCampaigns(IntSupplier activeCampaigns, LongSupplier readAtMs, LongSupplier clockMs) {
        Gauge.builder(CAMPAIGNS_ACTIVE, () -> activeCampaigns.getAsInt())
                .description("Campaigns in the current snapshot").strongReference(true).register(registry);
        Gauge.builder(CAMPAIGNS_AGE, () -> {
            long read = readAtMs.getAsLong();
            return read <= 0 ? Double.NaN : (clockMs.getAsLong() - read) / 1000.0;
        }).baseUnit("seconds").description("Seconds since the campaign source was last read with the snapshot"
                + " still its content").strongReference(true).register(registry);
    }

    /**
     * The campaign reloads by outcome ({@code loaded}, the first load included, {@code refused}, {@code failed}),
     * and a gauge that is 1 while the source holds content that was refused or is invalid.
     */
    public void bindCampaignReloads(ToLongFunction<ReloadOutcome> reloads, BooleanSupplier rejected) {
        for (ReloadOutcome outcome : new ReloadOutcome[] {ReloadOutcome.LOADED, ReloadOutcome.REFUSED,
            ReloadOutcome.FAILED}) {
            FunctionCounter.builder(CAMPAIGNS_RELOADS, reloads, r -> r.applyAsLong(outcome))
                    .tag("outcome", outcome.tag()).description("Campaign source contents loaded, refused or invalid")
                    .register(registry);
        }
        Gauge.builder(CAMPAIGNS_RELOAD_REJECTED, () -> rejected.getAsBoolean() ? 1 : 0)
                .description("1 while the campaign source holds content that was refused or is invalid")
                .strongReference(true).register(registry);
    }

    /** Gauges of the notice dedupe cache: the heap it is counted as taking, and the notices it remembers. */
    public void bindNoticeDedupe(LongSupplier bytes, LongSupplier entries) {
        Gauge.builder(NOTICE_DEDUPE_BYTES, bytes::getAsLong).baseUnit("bytes")
                .description("Heap of the notices remembered to drop repeats (NOTICE_DEDUPE_MAX_BYTES at most)")
                .strongReference(true).register(registry);
        Gauge.builder(NOTICE_DEDUPE_ENTRIES, entries::getAsLong)
                .description("Notices remembered to drop repeats").strongReference(true).register(registry);
    }

    /**
     * Meters of the fleet's budgets ({@code BUDGET_TABLE}): whether the table is out of reach, the spend not yet
     * written to it and the late spend, both in currency units; and the notices counted by this task's dedupe alone.
     */
    public void bindBudget(BudgetStats stats) {
        Gauge.builder(BUDGET_TABLE_FAILING, stats, s -> s.tableFailing() ? 1 : 0)
                .description("1 while the budget table is out of reach: no new leases").strongReference(true)
                .register(registry);
        Gauge.builder(BUDGET_UNFLUSHED, stats, s -> s.unflushedMicros() / 1e6)
                .description("Billed spend received and not yet written to the budget table").strongReference(true)
                .register(registry);
        FunctionCounter.builder(BUDGET_LATE_SPEND, stats, s -> s.lateSpendMicros() / 1e6)
                .description("Spend of billing notices later than BUDGET_BID_WINDOW_MS after their bid")
                .register(registry);
        FunctionCounter.builder(NOTICE_DEDUPE_FALLBACKS, stats, BudgetStats::dedupeFallbacks)
                .description("Notices counted by this task's dedupe alone: the notice table was out of reach")
                .register(registry);
    }

    /** Gauges and counters of the bid log. */
    public void bindBidLog(BidLogStats stats) {
        Gauge.builder(BIDLOG_QUEUE_DEPTH, stats, BidLogStats::queueDepth)
                .description("Bid-log records waiting for the writer thread").strongReference(true).register(registry);
        Gauge.builder(BIDLOG_QUEUE_BYTES, stats, BidLogStats::queueBytes).baseUnit("bytes")
                .description("Heap the waiting bid-log records hold, counted high").strongReference(true)
                .register(registry);
        Gauge.builder(BIDLOG_FILES_PUBLISHING, stats, BidLogStats::filesPublishing)
                .description("Rotated bid-log files waiting for fsync and their ready name").strongReference(true)
                .register(registry);
        Gauge.builder(BIDLOG_DISK_BYTES, stats, BidLogStats::diskBytes).baseUnit("bytes")
                .description("Bytes of bid-log files on disk").strongReference(true).register(registry);
        Gauge.builder(BIDLOG_DISK_FILES, stats, BidLogStats::diskFiles)
                .description("Bid-log files on disk").strongReference(true).register(registry);
        Gauge.builder(BIDLOG_DISK_OVER_BUDGET, stats, s -> s.overBudget() ? 1 : 0)
                .description("1 while records are dropped for the disk budget").strongReference(true)
                .register(registry);
        Gauge.builder(BIDLOG_WRITE_FAILING, stats, s -> s.writeFailing() ? 1 : 0)
                .description("1 while writes to the bid-log volume fail and records are dropped as io_error")
                .strongReference(true).register(registry);
        FunctionCounter.builder(BIDLOG_WRITTEN, stats, BidLogStats::written)
                .description("Bid-log records written").register(registry);
        for (DropCause cause : DropCause.values()) {
            FunctionCounter.builder(BIDLOG_DROPPED, stats, s -> s.dropped(cause)).tag("cause", cause.tag())
                    .description("Bid-log records dropped, by cause").register(registry);
        }
    }

    /** Gauges and counters of the server's connections: open, turned away at a cap, closed for not reading. */
    public void bindConnections(ConnectionStats stats) {
        Gauge.builder(CONNECTIONS_OPEN, stats, ConnectionStats::open)
                .description("Connections open, those reserved for /health over a cap included")
                .strongReference(true).register(registry);
        for (ConnectionStats.Cap cap : ConnectionStats.Cap.values()) {
            FunctionCounter.builder(CONNECTIONS_REFUSED, stats, s -> s.refused(cap)).tag("cap", cap.tag())
                    .description("Connections turned away at a cap: answered on /health only, or closed at once")
                    .register(registry);
        }
        FunctionCounter.builder(CONNECTIONS_STALLED, stats, ConnectionStats::stalled)
                .description("Connections closed because their client read nothing for WRITE_STALL_TIMEOUT_MS")
                .register(registry);
    }

    /** Netty's pooled allocator meters ({@code netty.allocator.*}). */
    public void bindNettyAllocator(ByteBufAllocatorMetricProvider allocator) {
        new NettyAllocatorMetrics(allocator).bindTo(registry);
    }

    /** Pending tasks of each event loop ({@code netty.eventexecutor.tasks.pending}). */
    public void bindEventLoops(Iterable<EventExecutor> executors) {
        new NettyEventExecutorMetrics(executors).bindTo(registry);
    }

    /** The registry, for binding meters this class does not own. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Stops listening to GC notifications and closes the registry, which sends the last step. */
    @Override
    public void close() {
        jvm.close();
        registry.close();
    }

    private Counter request(String outcome, String reason) {
        return Counter.builder(REQUESTS).tag("outcome", outcome).tag("reason", reason)
                .description("Bid requests, by outcome and no-bid reason").register(registry);
    }
}
