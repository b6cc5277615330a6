package org.fargatedsp.bidder;

import io.netty.util.ResourceLeakDetector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.auction.FxRates;
import org.fargatedsp.bidder.aws.AwsConfig;
import org.fargatedsp.bidder.bidlog.BidLogConfig;
import org.fargatedsp.bidder.budget.BudgetConfig;
import org.fargatedsp.bidder.campaign.Campaign;
import org.fargatedsp.bidder.http.ConnectionCaps;
import org.fargatedsp.bidder.http.ConnectionSettings;
import org.fargatedsp.bidder.campaign.CampaignLocation;
import org.fargatedsp.bidder.http.Transport;
import org.fargatedsp.metrics.EcsMetadataReader;
import org.fargatedsp.bidder.metrics.BidderMetricsKeys;
import org.fargatedsp.metrics.MetricsConfig;
import org.fargatedsp.bidder.notice.HeapNoticeDedupe;
import org.fargatedsp.bidder.notice.NoticeSecrets;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;

/**
 * The bidder's whole configuration, read from environment variables (README, "Configuration"). Every value is
 * checked at start and every problem reported at once by {@link ConfigException}. The bid log's and the
 * metrics' and AWS's settings are parts of their own, read by their packages into the same list of problems.
 */
public record Config(
        String bindAddress,
        int port,
        Path portFile,
        int ioThreads,
        Transport.Preference transport,
        int maxBodyBytes,
        int maxInflatedBodyBytes,
        int maxImps,
        int sourceCpuPercent,
        long sourceCpuBurstMs,
        long idleTimeoutMs,
        long requestReadTimeoutMs,
        int maxPipelinedRequests,
        int writeBufferHighWaterBytes,
        long writeStallTimeoutMs,
        int maxConnections,
        int maxConnectionsPerSource,
        long defaultTmaxMs,
        long networkMarginMs,
        long shedLagMs,
        long shedSustainedMs,
        long drainMs,
        long shutdownTimeoutMs,
        CampaignLocation campaignsSource,
        int syntheticCampaigns,
        long campaignsRefreshMs,
        int campaignsFullReloadEvery,
        int campaignsMaxDropPercent,
        String seat,
        FxRates fx,
        String noticeBaseUrl,
        long noticeDedupeMaxBytes,
        long noticeDedupeTtlMs,
        NoticeSecrets notices,
        int gzipLevel,
        boolean bidCheckEnabled,
        int errorLogsPerSecond,
        int warmupRequests,
        long warmupMaxMs,
        ResourceLeakDetector.Level nettyLeakDetection,
        BidLogConfig bidLog,
        MetricsConfig metrics,
        BudgetConfig budget,
        AwsConfig aws,
        Map<String, String> ecsEnv) {

    public static final Key<Integer> PORT = Key.integer("PORT", 0, 65_535).byDefault(8080)
            .doc("Port to listen on; `0` picks a free one.");
    public static final Key<String> BIND_ADDRESS = Key.string("BIND_ADDRESS").byDefault("0.0.0.0")
            .doc("Address to listen on.");
    public static final Key<Path> PORT_FILE = Key.path("PORT_FILE")
            .doc("When set, the bound port is written there (atomically) once listening: for scripts using `PORT=0`.");
    public static final Key<Integer> IO_THREADS = Key.integer("IO_THREADS", 0, 1024).byDefault(0)
            .documentedDefault("number of CPUs").doc("Event-loop threads.");
    public static final Key<Transport.Preference> TRANSPORT = Key.choice("TRANSPORT", Transport.Preference.class)
            .byDefault(Transport.Preference.AUTO)
            .doc("`epoll` (Linux native transport), `nio`, or `auto`: epoll when available.");
    public static final Key<Long> MAX_BODY_BYTES = Key.bytes("MAX_BODY_BYTES", 1024, 64 << 20).byDefault(64L << 10)
            .doc("Largest request body as sent (compressed or not); larger is `413`. Real bid requests are 1 to 10 KB"
                    + " ([limits](#what-one-request-may-cost)).");
    public static final Key<Long> MAX_INFLATED_BODY_BYTES = Key.bytes("MAX_INFLATED_BODY_BYTES", 1024, 256 << 20)
            .byDefault(64L << 10).doc("Largest body after gunzip; larger is `413`. At least `MAX_BODY_BYTES`.");
    public static final Key<Integer> MAX_IMPS = Key.integer("MAX_IMPS", 1, 10_000).byDefault(100)
            .doc("Most impressions accepted in one request; more is `400`.");
    public static final Key<Integer> SOURCE_CPU_PERCENT = Key.integer("SOURCE_CPU_PERCENT", 0, 100).byDefault(50)
            .doc("Share of each event loop's time one source may take (the last `X-Forwarded-For` address, else the"
                    + " peer's), measured around each request's handling; past it the source's requests are `429`"
                    + " with `Retry-After` until it is back within it ([CPU budget](#cpu-budget-per-source))."
                    + " `/health` is never refused. `0` turns the budget off.");
    public static final Key<Duration> SOURCE_CPU_BURST_MS = millis("SOURCE_CPU_BURST_MS", 1, 60_000, 1_000)
            .doc("A source may take a whole event loop for `SOURCE_CPU_PERCENT` of this long before its share"
                    + " applies: its budget holds that much.");
    public static final Key<Duration> IDLE_TIMEOUT_MS = millis("IDLE_TIMEOUT_MS", 100, 3_600_000, 75_000)
            .doc("Close connections idle this long. Keep it above the load balancer's idle timeout (60 s on an ALB),"
                    + " so the ALB closes first.");
    public static final Key<Duration> REQUEST_READ_TIMEOUT_MS = millis("REQUEST_READ_TIMEOUT_MS", 10, 600_000, 5_000)
            .doc("A request must finish arriving this long after its first byte (header bytes count; bytes arriving"
                    + " meanwhile do not restart it), else `408`.");
    public static final Key<Integer> MAX_PIPELINED_REQUESTS = Key.integer("MAX_PIPELINED_REQUESTS", 1, 1024)
            .byDefault(32)
            .doc("Most requests on one connection answered and not yet taken by the socket; the connection reads no"
                    + " more until they are ([connection bounds](#connection-bounds)).");
    public static final Key<Long> WRITE_BUFFER_HIGH_WATER_BYTES = Key.bytes("WRITE_BUFFER_HIGH_WATER_BYTES", 4096,
            16 << 20).byDefault(64L << 10)
            .doc("Response bytes queued on one connection past which it reads no more until they have all gone to the"
                    + " socket; Netty's low water mark is half of it.");
    public static final Key<Duration> WRITE_STALL_TIMEOUT_MS = millis("WRITE_STALL_TIMEOUT_MS", 10, 600_000, 5_000)
            .doc("A connection held at one of those two bounds this long on end, its client reading nothing, is"
                    + " closed (`dsp.bidder.connections.stalled`).");
    public static final Key<Integer> MAX_CONNECTIONS = Key.integer("MAX_CONNECTIONS", 0, 10_000_000).byDefault(0)
            .documentedDefault("from the fd limit and memory")
            .doc("Connections open at most; beyond, a connection is answered on `/health` only or closed at once"
                    + " ([connection bounds](#connection-bounds)). `0` derives it.");
    public static final Key<Integer> MAX_CONNECTIONS_PER_SOURCE = Key.integer("MAX_CONNECTIONS_PER_SOURCE", 0,
            10_000_000).byDefault(0).documentedDefault("half of `MAX_CONNECTIONS`")
            .doc("Connections open at most from one peer address. Behind an ALB the peer is an ALB node, so this is"
                    + " per node. `0` derives it.");
    public static final Key<Duration> DEFAULT_TMAX_MS = millis("DEFAULT_TMAX_MS", 1, 60_000, 200)
            .doc("The time budget of requests without `tmax`.");
    public static final Key<Duration> NETWORK_MARGIN_MS = millis("NETWORK_MARGIN_MS", 0, 60_000, 20)
            .doc("Taken off `tmax` for the network between the SSP and the bidder.");
    public static final Key<Duration> SHED_LAG_MS = millis("SHED_LAG_MS", 0, 60_000, 50)
            .doc("Event-loop lag that counts as late ([shedding](#deadlines-and-load-shedding)); `0` never sheds.");
    public static final Key<Duration> SHED_SUSTAINED_MS = millis("SHED_SUSTAINED_MS", 1, 60_000, 250)
            .doc("How long every probe of an event loop must be late before it sheds bid requests with a fast `204`;"
                    + " a single stall, however long, never sheds.");
    public static final Key<Duration> DRAIN_MS = millis("DRAIN_MS", 0, 600_000, 5_000)
            .doc("After SIGTERM, how long `/health` says `503` while requests are still answered.");
    public static final Key<Duration> SHUTDOWN_TIMEOUT_MS = millis("SHUTDOWN_TIMEOUT_MS", 100, 600_000, 10_000)
            .doc("How long shutdown waits for open connections to finish.");
    public static final Key<CampaignLocation> CAMPAIGNS_SOURCE = Key.of("CAMPAIGNS_SOURCE", CampaignLocation::parse,
            CampaignLocation::toString).byDefault(CampaignLocation.EMBEDDED)
            .doc("Where campaigns come from: `embedded` (the set in the jar), `file:PATH` (a campaign file,"
                    + " [format](#campaign-file)) or `dynamodb:TABLE` ([campaigns in DynamoDB](#campaigns-in-dynamodb),"
                    + " reached through the `AWS_` settings below).");
    public static final Key<Path> CAMPAIGNS_FILE = Key.readableFile("CAMPAIGNS_FILE")
            .doc("The old name of `CAMPAIGNS_SOURCE=file:PATH`, still read; set one of the two.");
    public static final Key<Integer> SYNTHETIC_CAMPAIGNS = Key.integer("SYNTHETIC_CAMPAIGNS", 0, 1_000_000)
            .byDefault(0).doc("Generated campaigns to add to the embedded set or a file, for load tests"
                    + " (deterministic).");
    public static final Key<Duration> CAMPAIGNS_REFRESH_MS = millis("CAMPAIGNS_REFRESH_MS", 0, 86_400_000, 30_000)
            .doc("How often the campaign source is read again, off the request path: a file whose content changed, or"
                    + " a table's changes. New campaigns are checked and swapped in atomically; a source that is"
                    + " invalid or cannot be read is reported once and the campaigns loaded before keep bidding."
                    + " `0` never reads it again.");
    public static final Key<Duration> CAMPAIGNS_RELOAD_MS = Key.duration("CAMPAIGNS_RELOAD_MS", Duration.ZERO,
            Duration.ofDays(1)).doc("The old name of `CAMPAIGNS_REFRESH_MS`, still read; set one of the two.");
    public static final Key<Integer> CAMPAIGNS_FULL_RELOAD_EVERY = Key.integer("CAMPAIGNS_FULL_RELOAD_EVERY", 1,
            1_000_000).byDefault(10)
            .doc("With `dynamodb:TABLE`, every this many refreshes reads the whole table; the others read only the"
                    + " campaigns changed since ([incremental refresh](#incremental-refresh)). `1` always reads it"
                    + " whole.");
    public static final Key<Integer> CAMPAIGNS_MAX_DROP_PERCENT = Key.integer("CAMPAIGNS_MAX_DROP_PERCENT", 0, 100)
            .byDefault(50)
            .doc("A reload that would drop more than this share of the loaded campaigns (by id) is refused, and the"
                    + " campaigns loaded before keep bidding: a file truncated to `{\"campaigns\":[]}` is refused."
                    + " `100` allows any reload, an empty file included. The first load at start is never refused.");
    public static final Key<String> SEAT = Key.string("SEAT", Campaign.SEAT_PATTERN,
            "must be 1 to 64 characters without control characters").byDefault(Campaign.DEFAULT_SEAT)
            .doc("The `seatbid.seat` of campaigns that name no seat of their own: every `seatbid` carries a seat."
                    + " 1 to 64 characters.");
    public static final Key<String> CURRENCY = Key.string("CURRENCY", "[A-Z]{3}",
            "must be an ISO-4217 code such as USD").byDefault("USD")
            .doc("The bidder's currency (ISO-4217): every bid, budget and campaign price is in it.");
    public static final Key<Map<String, Double>> FX_RATES = Key.of("FX_RATES", FxRates::parseRates, FxRates::format)
            .byDefault(Map.of())
            .doc("Rates for floors in other currencies: `EUR=1.08,GBP=1.27` (units of `CURRENCY` per unit).");
    public static final Key<URI> NOTICE_BASE_URL = Key.uri("NOTICE_BASE_URL")
            .documentedDefault("`http://localhost:$PORT`")
            .doc("How SSPs reach this bidder's notice endpoints, e.g. `https://bid.example.com`.");
    public static final Key<Long> NOTICE_DEDUPE_MAX_BYTES = Key.bytes("NOTICE_DEDUPE_MAX_BYTES", 64 << 10, 1L << 40)
            .documentedDefault("1/" + HeapNoticeDedupe.HEAP_FRACTION + " of the max heap")
            .doc("Heap for the notices remembered to drop repeats, at " + HeapNoticeDedupe.ENTRY_BYTES + " bytes each"
                    + " whatever their length ([memory bounds](#memory-bounds)); at most half the max heap, and at least"
                    + " twice the headroom kept for inserts not yet evicted for, 100 KiB on 2 processors.");
    public static final Key<Duration> NOTICE_DEDUPE_TTL_MS = Key.duration("NOTICE_DEDUPE_TTL_MS",
            Duration.ofSeconds(1), Duration.ofDays(7)).byDefault(Duration.ofHours(6))
            .doc("How long a notice is remembered, and how old a bid may be for its notices to be taken: older"
                    + " ones are refused (`403`, `expired`), so that a repeat the dedupe forgot is never counted.");
    public static final Key<Integer> GZIP_LEVEL = Key.integer("GZIP_LEVEL", 1, 9).byDefault(6)
            .doc("gzip level of responses to SSPs that accept gzip.");
    public static final Key<Boolean> BID_CHECK_ENABLED = Key.bool("BID_CHECK_ENABLED").byDefault(true)
            .doc("Serves `/openrtb2/bid/check` ([bid check](#bid-check)), which shows whoever reaches the port how"
                    + " every campaign targets and bids. On for local runs and staging; turn it off in production, or"
                    + " let the load balancer pass the path only from your own addresses.");
    public static final Key<Integer> ERROR_LOGS_PER_SECOND = Key.integer("ERROR_LOGS_PER_SECOND", 1, 10_000)
            .byDefault(10).doc("Most log lines a second about bad requests, and about internal errors.");
    // Logback reads LOG_LEVEL itself (logback.xml); it is checked here so a misspelt level fails the start.
    public static final Key<String> LOG_LEVEL = Key.string("LOG_LEVEL", "(?i)ALL|TRACE|DEBUG|INFO|WARN|ERROR|OFF",
            "must be TRACE, DEBUG, INFO, WARN, ERROR, OFF or ALL").byDefault("INFO")
            .doc("Root level of the JSON application log on stdout.");
    public static final Key<Integer> WARMUP_REQUESTS = Key.integer("WARMUP_REQUESTS", 0, 10_000_000)
            .byDefault(20_000)
            .doc("Requests sent at start, before `/health` says ready, over loopback connections to a private"
                    + " listener on the same event loops (so the JIT compiles exactly what real traffic runs): bid"
                    + " requests, and one in eight over every other path (refusals, notices, health); the"
                    + " warm-up then keeps going until the JIT has finished no compilation for 500 ms. Their outcomes"
                    + " reach no counter, meter, bid log or budget. `0` skips it.");
    public static final Key<Duration> WARMUP_MAX_MS = millis("WARMUP_MAX_MS", 0, 600_000, 15_000)
            .doc("The warm-up stops after this long even if requests remain or the JIT is still busy. On one vCPU the"
                    + " JIT stays busy for about this long; keep the ECS health-check grace period above it.");
    public static final Key<ResourceLeakDetector.Level> NETTY_LEAK_DETECTION =
            Key.choice("NETTY_LEAK_DETECTION", ResourceLeakDetector.Level.class)
                    .byDefault(ResourceLeakDetector.Level.DISABLED)
                    .doc("Netty's buffer-leak detector: `disabled`, `simple` (Netty's own default: a stack trace for"
                            + " one buffer in 128, a few percent of the bid path's CPU), `advanced` or `paranoid`. The"
                            + " test suite runs at `paranoid`. `-Dio.netty.leakDetection.level` wins over it.");

    /**
     * Every key the bidder reads, in the order of the README's table: its own with the notices' secrets among them,
     * the budgets', the bid log's, the metrics', AWS's.
     */
    public static final List<Key<?>> KEYS = keys();

    /** Builds the configuration from {@code env}, or throws {@link ConfigException} listing every bad value. */
    public static Config fromEnv(Map<String, String> env) {
        return fromEnv(env, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #fromEnv(Map)}, with the bounds that follow from the heap sized for {@code maxHeapBytes}. */
    static Config fromEnv(Map<String, String> env, long maxHeapBytes) {
        ConfigReader r = new ConfigReader(env);
        int port = r.get(PORT);
        long maxBody = r.get(MAX_BODY_BYTES);
        long maxInflated = r.get(MAX_INFLATED_BODY_BYTES);
        if (r.valid(MAX_BODY_BYTES, MAX_INFLATED_BODY_BYTES) && maxInflated < maxBody) {
            r.problem(MAX_INFLATED_BODY_BYTES, maxInflated, "must be at least MAX_BODY_BYTES (" + maxBody + ")");
        }
        int maxConnections = r.get(MAX_CONNECTIONS);
        int maxPerSource = r.get(MAX_CONNECTIONS_PER_SOURCE);
        if (r.valid(MAX_CONNECTIONS, MAX_CONNECTIONS_PER_SOURCE) && maxConnections > 0
                && maxPerSource > maxConnections) {
            r.problem(MAX_CONNECTIONS_PER_SOURCE, maxPerSource,
                    "must be at most MAX_CONNECTIONS (" + maxConnections + ")");
        }
        URI noticeBaseUrl = r.get(NOTICE_BASE_URL);
        Long dedupeBytes = r.get(NOTICE_DEDUPE_MAX_BYTES);
        if (dedupeBytes == null) {
            dedupeBytes = HeapNoticeDedupe.defaultMaxBytes(maxHeapBytes);
        } else if (r.valid(NOTICE_DEDUPE_MAX_BYTES) && dedupeBytes < HeapNoticeDedupe.minimumBytes()) {
            r.problem(NOTICE_DEDUPE_MAX_BYTES, dedupeBytes, "must be at least " + HeapNoticeDedupe.minimumBytes()
                    + " bytes on " + Runtime.getRuntime().availableProcessors() + " processors: twice the headroom"
                    + " kept for notices inserted and not yet evicted for");
        } else if (r.valid(NOTICE_DEDUPE_MAX_BYTES) && dedupeBytes > maxHeapBytes / 2) {
            r.problem(NOTICE_DEDUPE_MAX_BYTES, dedupeBytes, "must be at most half the max heap (" + maxHeapBytes
                    + " bytes)");
        }
        r.get(LOG_LEVEL);
        int synthetic = r.get(SYNTHETIC_CAMPAIGNS);
        CampaignLocation source = r.get(CAMPAIGNS_SOURCE);
        if (synthetic > 0 && r.valid(CAMPAIGNS_SOURCE) && source.kind() == CampaignLocation.Kind.DYNAMODB) {
            r.problem(SYNTHETIC_CAMPAIGNS, synthetic, "adds to the embedded set or a file, not to CAMPAIGNS_SOURCE="
                    + source);
        }
        Config config = new Config(
                r.get(BIND_ADDRESS),
                port,
                r.get(PORT_FILE),
                r.get(IO_THREADS),
                r.get(TRANSPORT),
                (int) maxBody,
                (int) maxInflated,
                r.get(MAX_IMPS),
                r.get(SOURCE_CPU_PERCENT),
                r.get(SOURCE_CPU_BURST_MS).toMillis(),
                r.get(IDLE_TIMEOUT_MS).toMillis(),
                r.get(REQUEST_READ_TIMEOUT_MS).toMillis(),
                r.get(MAX_PIPELINED_REQUESTS),
                (int) (long) r.get(WRITE_BUFFER_HIGH_WATER_BYTES),
                r.get(WRITE_STALL_TIMEOUT_MS).toMillis(),
                maxConnections,
                maxPerSource,
                r.get(DEFAULT_TMAX_MS).toMillis(),
                r.get(NETWORK_MARGIN_MS).toMillis(),
                r.get(SHED_LAG_MS).toMillis(),
                r.get(SHED_SUSTAINED_MS).toMillis(),
                r.get(DRAIN_MS).toMillis(),
                r.get(SHUTDOWN_TIMEOUT_MS).toMillis(),
                campaignsSource(r),
                synthetic,
                refreshMs(r),
                r.get(CAMPAIGNS_FULL_RELOAD_EVERY),
                r.get(CAMPAIGNS_MAX_DROP_PERCENT),
                r.get(SEAT),
                FxRates.of(r.get(CURRENCY), r.get(FX_RATES)),
                noticeBaseUrl != null ? noticeBaseUrl.toString() : "http://localhost:" + (port == 0 ? 8080 : port),
                dedupeBytes,
                r.get(NOTICE_DEDUPE_TTL_MS).toMillis(),
                NoticeSecrets.read(r, r.isSet(MetricsConfig.ECS_CONTAINER_METADATA_URI_V4)),
                r.get(GZIP_LEVEL),
                r.get(BID_CHECK_ENABLED),
                r.get(ERROR_LOGS_PER_SECOND),
                r.get(WARMUP_REQUESTS),
                r.get(WARMUP_MAX_MS).toMillis(),
                r.get(NETTY_LEAK_DETECTION),
                BidLogConfig.read(r, maxHeapBytes),
                MetricsConfig.read(r, BidderMetricsKeys.SERVICE),
                BudgetConfig.read(r),
                AwsConfig.read(r),
                ecsEnv(r, env));
        r.throwIfProblems();
        return config;
    }

    /** {@code CAMPAIGNS_SOURCE}, or {@code CAMPAIGNS_FILE} under its old name; both set must agree. */
    private static CampaignLocation campaignsSource(ConfigReader r) {
        CampaignLocation source = r.get(CAMPAIGNS_SOURCE);
        Path file = r.get(CAMPAIGNS_FILE);
        if (file == null) {
            return source;
        }
        CampaignLocation legacy = CampaignLocation.file(file);
        if (r.isSet(CAMPAIGNS_SOURCE) && r.valid(CAMPAIGNS_SOURCE) && !legacy.equals(source)) {
            r.problem(CAMPAIGNS_FILE, file, "is the old name of CAMPAIGNS_SOURCE=file:PATH, which says " + source
                    + ": set only CAMPAIGNS_SOURCE");
        }
        return legacy;
    }

    /** {@code CAMPAIGNS_REFRESH_MS}, or {@code CAMPAIGNS_RELOAD_MS} under its old name; both set must agree. */
    private static long refreshMs(ConfigReader r) {
        Duration refresh = r.get(CAMPAIGNS_REFRESH_MS);
        Duration legacy = r.get(CAMPAIGNS_RELOAD_MS);
        if (legacy == null) {
            return refresh.toMillis();
        }
        if (r.isSet(CAMPAIGNS_REFRESH_MS) && r.valid(CAMPAIGNS_REFRESH_MS) && !legacy.equals(refresh)) {
            r.problem(CAMPAIGNS_RELOAD_MS, legacy, "is the old name of CAMPAIGNS_REFRESH_MS, which says "
                    + refresh.toMillis() + ": set only CAMPAIGNS_REFRESH_MS");
        }
        return legacy.toMillis();
    }

    /** What the ECS metadata reader looks at: the metadata endpoint ECS sets, and the host name outside ECS. */
    private static Map<String, String> ecsEnv(ConfigReader r, Map<String, String> env) {
        Map<String, String> ecs = new HashMap<>();
        String metadata = r.get(MetricsConfig.ECS_CONTAINER_METADATA_URI_V4);
        if (metadata != null) {
            ecs.put(EcsMetadataReader.METADATA_URI_V4, metadata);
        }
        // Not a setting: the name the container runtime gave this host, the metrics' host tag outside ECS.
        if (env.get("HOSTNAME") != null) {
            ecs.put("HOSTNAME", env.get("HOSTNAME"));
        }
        return Map.copyOf(ecs);
    }

    /** How the server treats connections; caps left at 0 are derived when the server starts. */
    public ConnectionSettings connections() {
        return new ConnectionSettings(idleTimeoutMs, requestReadTimeoutMs, maxBodyBytes, gzipLevel,
                maxPipelinedRequests, writeBufferHighWaterBytes, writeStallTimeoutMs,
                new ConnectionCaps(maxConnections, maxConnectionsPerSource));
    }

    /** The number of event-loop threads: {@link #ioThreads} or, when 0, one per available processor. */
    public int eventLoopThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }

    private static Key<Duration> millis(String name, long min, long max, long defaultMs) {
        return Key.duration(name, Duration.ofMillis(min), Duration.ofMillis(max)).byDefault(Duration.ofMillis(defaultMs));
    }

    private static List<Key<?>> keys() {
        List<Key<?>> keys = new ArrayList<>(List.of(PORT, BIND_ADDRESS, PORT_FILE, IO_THREADS, TRANSPORT,
                MAX_BODY_BYTES, MAX_INFLATED_BODY_BYTES, MAX_IMPS, SOURCE_CPU_PERCENT, SOURCE_CPU_BURST_MS, IDLE_TIMEOUT_MS,
                REQUEST_READ_TIMEOUT_MS,
                MAX_PIPELINED_REQUESTS, WRITE_BUFFER_HIGH_WATER_BYTES, WRITE_STALL_TIMEOUT_MS, MAX_CONNECTIONS,
                MAX_CONNECTIONS_PER_SOURCE, DEFAULT_TMAX_MS, NETWORK_MARGIN_MS, SHED_LAG_MS, SHED_SUSTAINED_MS,
                DRAIN_MS, SHUTDOWN_TIMEOUT_MS, CAMPAIGNS_SOURCE, CAMPAIGNS_FILE, SYNTHETIC_CAMPAIGNS,
                CAMPAIGNS_REFRESH_MS, CAMPAIGNS_RELOAD_MS, CAMPAIGNS_FULL_RELOAD_EVERY, CAMPAIGNS_MAX_DROP_PERCENT, SEAT, CURRENCY, FX_RATES, NOTICE_BASE_URL, NOTICE_DEDUPE_MAX_BYTES,
                NOTICE_DEDUPE_TTL_MS));
        keys.addAll(NoticeSecrets.KEYS);
        keys.addAll(List.of(GZIP_LEVEL, BID_CHECK_ENABLED, ERROR_LOGS_PER_SECOND, LOG_LEVEL, WARMUP_REQUESTS,
                WARMUP_MAX_MS, NETTY_LEAK_DETECTION));
        keys.addAll(BudgetConfig.KEYS);
        keys.addAll(BidLogConfig.KEYS);
        keys.addAll(BidderMetricsKeys.KEYS);
        keys.addAll(AwsConfig.KEYS);
        return List.copyOf(keys);
    }
}
