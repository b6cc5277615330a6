package org.fargatedsp.loadtest.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;
import org.fargatedsp.loadtest.client.Target;
import org.fargatedsp.loadtest.client.WireRequests;

/**
 * The settings of one load-generator run, validated all at once. Built from {@code LOADTEST_*}
 * keys (environment variables, overlaid by the command-line flags tied to them in {@link LoadTestMain}).
 *
 * @param corpusDir  directory of {@code *.json} requests, or null for the built-in IAB examples
 * @param jsonFile   extra copy of {@code summary.json}, or null
 * @param maxP99Ms   fail the run when the p99 response time is above this; {@code NaN} for no limit
 * @param maxP999Ms  the same for p99.9
 */
public record Config(
        Target target,
        double ratePerSecond,
        int durationS,
        int warmupS,
        int connections,
        int threads,
        int timeoutMs,
        int connectTimeoutMs,
        Path corpusDir,
        int variants,
        long seed,
        Path outDir,
        Path jsonFile,
        boolean failOnErrors,
        double maxP99Ms,
        double maxP999Ms,
        boolean progress) {

    public static final Key<Target> TARGET = Key.of("LOADTEST_TARGET", Target::parse, Target::url)
            .byDefault(Target.parse("http://127.0.0.1:8080/openrtb2/bid")).doc("where to POST; `http://` only");
    public static final Key<Double> RATE = Key.positiveDecimal("LOADTEST_RATE").byDefault(1000.0)
            .doc("requests per second (may be fractional)");
    public static final Key<Duration> DURATION_S = seconds("LOADTEST_DURATION_S", 1, 30)
            .doc("measured seconds after the warm-up");
    public static final Key<Duration> WARMUP_S = seconds("LOADTEST_WARMUP_S", 0, 5)
            .doc("warm-up seconds at the same rate, not measured");
    public static final Key<Integer> CONNECTIONS = Key.integer("LOADTEST_CONNECTIONS", 1, 100_000).byDefault(64)
            .doc("keep-alive connections, opened before the start");
    public static final Key<Integer> THREADS = Key.integer("LOADTEST_THREADS", 1, 256).byDefault(1)
            .doc("sending event loops; each owns an even share of connections and every N-th request");
    public static final Key<Duration> TIMEOUT_MS = millis("LOADTEST_TIMEOUT_MS", 1_000)
            .doc("longest wait for a connection, and then for the answer");
    public static final Key<Duration> CONNECT_TIMEOUT_MS = millis("LOADTEST_CONNECT_TIMEOUT_MS", 2_000)
            .doc("TCP connect timeout");
    public static final Key<Path> CORPUS_DIR = Key.path("LOADTEST_CORPUS_DIR").documentedDefault("built-in")
            .doc("directory of `*.json` bid requests (below)");
    public static final Key<Integer> VARIANTS = Key.integer("LOADTEST_VARIANTS", 0, 1_000_000).byDefault(100)
            .doc("generated variants added to the corpus; `0` for none");
    public static final Key<Long> SEED = Key.longInteger("LOADTEST_SEED", Long.MIN_VALUE, Long.MAX_VALUE)
            .byDefault(1L).doc("seed of the variants and of the request mix");
    public static final Key<Path> OUT_DIR = Key.path("LOADTEST_OUT_DIR").byDefault(Path.of("loadtest-report"))
            .doc("where the report files go");
    public static final Key<Path> JSON_FILE = Key.path("LOADTEST_JSON_FILE").doc("an extra copy of `summary.json`");
    public static final Key<Boolean> FAIL_ON_ERRORS = Key.bool("LOADTEST_FAIL_ON_ERRORS").byDefault(false)
            .doc("exit 1 on any 5xx, timeout or error");
    public static final Key<Double> MAX_P99_MS = Key.positiveDecimal("LOADTEST_MAX_P99_MS")
            .doc("exit 1 when the response-time p99 is above this");
    public static final Key<Double> MAX_P999_MS = Key.positiveDecimal("LOADTEST_MAX_P999_MS")
            .doc("exit 1 when the response-time p99.9 is above this");
    public static final Key<Boolean> PROGRESS = Key.bool("LOADTEST_PROGRESS").byDefault(true)
            .doc("a progress line each second on stderr");

    /** Every key, in the order of the documentation's table. */
    public static final List<Key<?>> KEYS = List.of(TARGET, RATE, DURATION_S, WARMUP_S, CONNECTIONS, THREADS,
            TIMEOUT_MS, CONNECT_TIMEOUT_MS, CORPUS_DIR, VARIANTS, SEED, OUT_DIR, JSON_FILE, FAIL_ON_ERRORS, MAX_P99_MS,
            MAX_P999_MS, PROGRESS);

    /**
     * Validates every key of {@code env} and builds the config.
     *
     * @throws ConfigException listing every bad setting
     */
    public static Config fromEnv(Map<String, String> env) {
        ConfigReader r = new ConfigReader(env);
        double rate = r.get(RATE);
        int duration = (int) r.get(DURATION_S).toSeconds();
        int warmup = (int) r.get(WARMUP_S).toSeconds();
        int connections = r.get(CONNECTIONS);
        int threads = r.get(THREADS);
        if (r.valid(CONNECTIONS, THREADS) && connections < threads) {
            r.problem(CONNECTIONS, connections, "must be at least " + THREADS + " (" + threads + ")");
        }
        if (r.valid(RATE, DURATION_S, WARMUP_S)) {
            if (rate * duration < 1) {
                r.problem(RATE, rate, "times " + DURATION_S + " (" + duration + ") must come to at least one request");
            } else if (rate * ((double) duration + warmup) > WireRequests.MAX_INDEX) {
                r.problem(RATE, rate, "times " + DURATION_S + " + " + WARMUP_S + " (" + duration + " + " + warmup
                        + ") must stay below " + WireRequests.MAX_INDEX + " requests");
            }
        }
        Config config = new Config(r.get(TARGET), rate, duration, warmup, connections, threads,
                (int) r.get(TIMEOUT_MS).toMillis(), (int) r.get(CONNECT_TIMEOUT_MS).toMillis(), r.get(CORPUS_DIR),
                r.get(VARIANTS), r.get(SEED), r.get(OUT_DIR), r.get(JSON_FILE), r.get(FAIL_ON_ERRORS),
                orNaN(r.get(MAX_P99_MS)), orNaN(r.get(MAX_P999_MS)), r.get(PROGRESS));
        r.throwIfProblems();
        return config;
    }

    /** Requests in the whole run, warm-up included. */
    public long totalRequests() {
        return Math.round(ratePerSecond * ((double) durationS + warmupS));
    }

    /** Requests intended during the warm-up. */
    public long warmupRequests() {
        return Math.round(ratePerSecond * warmupS);
    }

    private static double orNaN(Double limit) {
        return limit == null ? Double.NaN : limit;
    }

    private static Key<Duration> seconds(String name, long min, long defaultS) {
        // An int of seconds at most: the record holds int fields.
        return Key.duration(name, Duration.ofSeconds(min), Duration.ofSeconds(Integer.MAX_VALUE))
                .byDefault(Duration.ofSeconds(defaultS));
    }

    private static Key<Duration> millis(String name, long defaultMs) {
        return Key.duration(name, Duration.ofMillis(1), Duration.ofMinutes(10)).byDefault(Duration.ofMillis(defaultMs));
    }
}
