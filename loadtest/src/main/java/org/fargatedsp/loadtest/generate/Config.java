package org.fargatedsp.loadtest.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fargatedsp.loadtest.client.Target;
import org.fargatedsp.loadtest.client.WireRequests;

/**
 * The settings of one load-generator run, validated all at once. Built from {@code LOADTEST_*}
 * keys (environment variables, overlaid by the command-line flags of the same meaning).
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

    /** Every key, its command-line flag and its default, in the order of the documentation. */
    public enum Key {
        LOADTEST_TARGET("--target", "http://127.0.0.1:8080/openrtb2/bid"),
        LOADTEST_RATE("--rate", "1000"),
        LOADTEST_DURATION_S("--duration-s", "30"),
        LOADTEST_WARMUP_S("--warmup-s", "5"),
        LOADTEST_CONNECTIONS("--connections", "64"),
        LOADTEST_THREADS("--threads", "1"),
        LOADTEST_TIMEOUT_MS("--timeout-ms", "1000"),
        LOADTEST_CONNECT_TIMEOUT_MS("--connect-timeout-ms", "2000"),
        LOADTEST_CORPUS_DIR("--corpus", ""),
        LOADTEST_VARIANTS("--variants", "100"),
        LOADTEST_SEED("--seed", "1"),
        LOADTEST_OUT_DIR("--out", "loadtest-report"),
        LOADTEST_JSON_FILE("--json", ""),
        LOADTEST_FAIL_ON_ERRORS("--fail-on-errors", "false"),
        LOADTEST_MAX_P99_MS("--max-p99-ms", ""),
        LOADTEST_MAX_P999_MS("--max-p999-ms", ""),
        LOADTEST_PROGRESS("--quiet (sets false)", "true");

        private final String flag;
        private final String defaultValue;

        Key(String flag, String defaultValue) {
            this.flag = flag;
            this.defaultValue = defaultValue;
        }

        /** The command-line flag that sets this key. */
        public String flag() {
            return flag;
        }

        /** The value used when neither the flag nor the variable is given. */
        public String defaultValue() {
            return defaultValue;
        }
    }

    private static final int MAX_TIMEOUT_MS = 600_000;

    /**
     * Validates every key of {@code env} and builds the config.
     *
     * @throws IllegalArgumentException listing every bad setting, separated by {@code "; "}
     */
    public static Config fromEnv(Map<String, String> env) {
        Parser p = new Parser(env);
        Target target = p.target();
        double rate = p.positiveDouble(Key.LOADTEST_RATE);
        int duration = p.intAtLeast(Key.LOADTEST_DURATION_S, 1, Integer.MAX_VALUE);
        int warmup = p.intAtLeast(Key.LOADTEST_WARMUP_S, 0, Integer.MAX_VALUE);
        int connections = p.intAtLeast(Key.LOADTEST_CONNECTIONS, 1, 100_000);
        int threads = p.intAtLeast(Key.LOADTEST_THREADS, 1, 256);
        int timeout = p.intAtLeast(Key.LOADTEST_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
        int connectTimeout = p.intAtLeast(Key.LOADTEST_CONNECT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
        Path corpus = p.optionalPath(Key.LOADTEST_CORPUS_DIR);
        int variants = p.intAtLeast(Key.LOADTEST_VARIANTS, 0, 1_000_000);
        long seed = p.longValue(Key.LOADTEST_SEED);
        Path out = p.optionalPath(Key.LOADTEST_OUT_DIR);
        Path json = p.optionalPath(Key.LOADTEST_JSON_FILE);
        boolean failOnErrors = p.bool(Key.LOADTEST_FAIL_ON_ERRORS);
        double maxP99 = p.optionalPositiveDouble(Key.LOADTEST_MAX_P99_MS);
        double maxP999 = p.optionalPositiveDouble(Key.LOADTEST_MAX_P999_MS);
        boolean progress = p.bool(Key.LOADTEST_PROGRESS);
        if (out == null) {
            p.errors.add(Key.LOADTEST_OUT_DIR.flag + " must name a directory");
        }
        if (threads > 0 && connections > 0 && connections < threads) {
            p.errors.add(Key.LOADTEST_CONNECTIONS.flag + " (" + connections + ") must be at least "
                    + Key.LOADTEST_THREADS.flag + " (" + threads + ")");
        }
        if (rate > 0 && duration > 0 && warmup >= 0) {
            double total = rate * ((double) duration + warmup);
            if (rate * duration < 1) {
                p.errors.add(Key.LOADTEST_RATE.flag + " x " + Key.LOADTEST_DURATION_S.flag
                        + " must come to at least one request");
            } else if (total > WireRequests.MAX_INDEX) {
                p.errors.add(Key.LOADTEST_RATE.flag + " x (" + Key.LOADTEST_DURATION_S.flag + " + "
                        + Key.LOADTEST_WARMUP_S.flag + ") must stay below " + WireRequests.MAX_INDEX + " requests");
            }
        }
        if (!p.errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p.errors));
        }
        return new Config(target, rate, duration, warmup, connections, threads, timeout, connectTimeout, corpus,
                variants, seed, out, json, failOnErrors, maxP99, maxP999, progress);
    }

    /** Requests in the whole run, warm-up included. */
    public long totalRequests() {
        return Math.round(ratePerSecond * ((double) durationS + warmupS));
    }

    /** Requests intended during the warm-up. */
    public long warmupRequests() {
        return Math.round(ratePerSecond * warmupS);
    }

    private static final class Parser {
        private final Map<String, String> env;
        private final List<String> errors = new ArrayList<>();

        Parser(Map<String, String> env) {
            this.env = env;
        }

        private String raw(Key key) {
            String value = env.get(key.name());
            return value == null ? key.defaultValue : value.trim();
        }

        private void bad(Key key, String requirement, String value) {
            errors.add(key.flag + " (" + key.name() + ") must be " + requirement + ", got '" + value + "'");
        }

        Target target() {
            try {
                return Target.parse(raw(Key.LOADTEST_TARGET));
            } catch (IllegalArgumentException e) {
                errors.add(Key.LOADTEST_TARGET.flag + " (" + Key.LOADTEST_TARGET.name() + "): " + e.getMessage());
                return null;
            }
        }

        double positiveDouble(Key key) {
            String value = raw(key);
            try {
                double parsed = Double.parseDouble(value);
                if (parsed > 0 && !Double.isInfinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            bad(key, "a number above 0", value);
            return 0;
        }

        double optionalPositiveDouble(Key key) {
            return raw(key).isEmpty() ? Double.NaN : positiveDouble(key);
        }

        int intAtLeast(Key key, int min, int max) {
            String value = raw(key);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            bad(key, max == Integer.MAX_VALUE
                    ? "a whole number >= " + min
                    : String.format(Locale.ROOT, "a whole number from %d to %d", min, max), value);
            return -1;
        }

        long longValue(Key key) {
            String value = raw(key);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                bad(key, "a whole number", value);
                return 0;
            }
        }

        boolean bool(Key key) {
            String value = raw(key).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                bad(key, "true or false", value);
            }
            return value.equals("true");
        }

        Path optionalPath(Key key) {
            String value = raw(key);
            return value.isEmpty() ? null : Path.of(value);
        }
    }
}
