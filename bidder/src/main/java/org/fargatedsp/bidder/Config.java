package org.fargatedsp.bidder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidder.auction.FxRates;
import org.fargatedsp.bidder.bidlog.BidLogConfig;
import org.fargatedsp.bidder.config.EnvParser;
import org.fargatedsp.bidder.metrics.EcsMetadataReader;
import org.fargatedsp.bidder.metrics.MetricsConfig;

/**
 * The bidder's whole configuration, read from environment variables (README, "Configuration"). Every value is
 * checked at start and every problem reported at once by {@link ConfigException}. The bid log's and the
 * metrics' settings are parts of their own, read by their packages into the same list of problems.
 */
public record Config(
        String bindAddress,
        int port,
        Path portFile,
        int ioThreads,
        String transport,
        int maxBodyBytes,
        int maxInflatedBodyBytes,
        int maxImps,
        long idleTimeoutMs,
        long requestReadTimeoutMs,
        long defaultTmaxMs,
        long networkMarginMs,
        long shedLagMs,
        long drainMs,
        long shutdownTimeoutMs,
        Path campaignsFile,
        int syntheticCampaigns,
        long campaignsReloadMs,
        String seat,
        FxRates fx,
        String noticeBaseUrl,
        int noticeDedupeMaxEntries,
        long noticeDedupeTtlMs,
        int gzipLevel,
        int errorLogsPerSecond,
        int warmupRequests,
        long warmupMaxMs,
        String nettyLeakDetection,
        BidLogConfig bidLog,
        MetricsConfig metrics,
        Map<String, String> ecsEnv) {

    /** Builds the configuration from {@code env}, or throws {@link ConfigException} listing every bad value. */
    public static Config fromEnv(Map<String, String> env) {
        EnvParser p = new EnvParser(env);
        int port = p.integer("PORT", 8080, 0, 65535);
        String currency = p.string("CURRENCY", "USD");
        if (!currency.matches("[A-Z]{3}")) {
            p.error("CURRENCY=" + currency + ": must be an ISO-4217 code such as USD");
        }
        FxRates fx = FxRates.parse(currency, p.raw("FX_RATES"), "FX_RATES", p.errors());
        int maxBody = p.integer("MAX_BODY_BYTES", 256 * 1024, 1024, 64 * 1024 * 1024);
        int maxInflated = p.integer("MAX_INFLATED_BODY_BYTES", 1024 * 1024, 1024, 256 * 1024 * 1024);
        if (maxInflated < maxBody) {
            p.error("MAX_INFLATED_BODY_BYTES=" + maxInflated + ": must be at least MAX_BODY_BYTES (" + maxBody + ")");
        }
        String transport = p.string("TRANSPORT", "auto");
        if (!List.of("auto", "epoll", "nio").contains(transport)) {
            p.error("TRANSPORT=" + transport + ": must be auto, epoll or nio");
        }
        long defaultTmax = p.longValue("DEFAULT_TMAX_MS", 200, 1, 60_000);
        long margin = p.longValue("NETWORK_MARGIN_MS", 20, 0, 60_000);
        String leakDetection = p.string("NETTY_LEAK_DETECTION", "disabled");
        if (!List.of("disabled", "simple", "advanced", "paranoid").contains(leakDetection)) {
            p.error("NETTY_LEAK_DETECTION=" + leakDetection + ": must be disabled, simple, advanced or paranoid");
        }
        Config config = new Config(
                p.string("BIND_ADDRESS", "0.0.0.0"),
                port,
                p.path("PORT_FILE", false),
                p.integer("IO_THREADS", 0, 0, 1024),
                transport,
                maxBody,
                maxInflated,
                p.integer("MAX_IMPS", 100, 1, 10_000),
                p.longValue("IDLE_TIMEOUT_MS", 75_000, 100, 3_600_000),
                p.longValue("REQUEST_READ_TIMEOUT_MS", 5_000, 10, 600_000),
                defaultTmax,
                margin,
                p.longValue("SHED_LAG_MS", 20, 0, 60_000),
                p.longValue("DRAIN_MS", 5_000, 0, 600_000),
                p.longValue("SHUTDOWN_TIMEOUT_MS", 10_000, 100, 600_000),
                p.path("CAMPAIGNS_FILE", true),
                p.integer("SYNTHETIC_CAMPAIGNS", 0, 0, 1_000_000),
                p.longValue("CAMPAIGNS_RELOAD_MS", 30_000, 0, 86_400_000),
                p.string("SEAT", null),
                fx,
                p.httpUrl("NOTICE_BASE_URL", "http://localhost:" + (port == 0 ? 8080 : port)),
                p.integer("NOTICE_DEDUPE_MAX_ENTRIES", 1_000_000, 1_000, 100_000_000),
                p.longValue("NOTICE_DEDUPE_TTL_MS", 6 * 3_600_000L, 1_000, 7 * 86_400_000L),
                p.integer("GZIP_LEVEL", 6, 1, 9),
                p.integer("ERROR_LOGS_PER_SECOND", 10, 1, 10_000),
                p.integer("WARMUP_REQUESTS", 20_000, 0, 10_000_000),
                p.longValue("WARMUP_MAX_MS", 15_000, 0, 600_000),
                leakDetection,
                BidLogConfig.fromEnv(env, p.errors()),
                MetricsConfig.fromEnv(env, p.errors()),
                ecsEnv(env));
        if (!p.errors().isEmpty()) {
            throw new ConfigException(p.errors());
        }
        return config;
    }

    /** What the ECS metadata reader looks at: the metadata endpoint ECS sets, and the host name outside ECS. */
    private static Map<String, String> ecsEnv(Map<String, String> env) {
        Map<String, String> ecs = new java.util.HashMap<>();
        for (String key : List.of(EcsMetadataReader.METADATA_URI_V4, "HOSTNAME")) {
            if (env.get(key) != null) {
                ecs.put(key, env.get(key));
            }
        }
        return Map.copyOf(ecs);
    }

    /** The number of event-loop threads: {@link #ioThreads} or, when 0, one per available processor. */
    public int eventLoopThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }
}
