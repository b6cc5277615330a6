package org.fargatedsp.loadtest.generate;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fargatedsp.loadtest.report.CompareCommand;
import org.fargatedsp.loadtest.report.SoakReportCommand;
import org.fargatedsp.loadtest.scenario.BidLogCommand;
import org.fargatedsp.loadtest.scenario.CapacityCommand;
import org.fargatedsp.loadtest.scenario.VerdictCommand;
import org.fargatedsp.loadtest.stalls.StallsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code loadtest} command: sends OpenRTB bid requests to a target at a constant rate (open
 * loop) and reports latency. Every flag can also be set by its {@code LOADTEST_*} environment
 * variable; a flag wins over the variable.
 */
@Command(name = "loadtest", sortOptions = false,
        subcommands = {CompareCommand.class, SoakReportCommand.class, StallsCommand.class, CapacityCommand.class,
                VerdictCommand.class, BidLogCommand.class},
        description = "Sends OpenRTB bid requests at a constant rate, whether or not earlier ones have been answered,"
                + " and reports latency measured from each request's intended send time. Every flag can also be set"
                + " by its LOADTEST_* environment variable (docs/loadtest.md).",
        footer = "%nExit codes: 0 completed, 1 failed --fail-on-errors or a latency limit, 2 bad settings,"
                + " unusable corpus or unreachable target.")
public final class LoadTestMain implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--target", paramLabel = "URL",
            description = "Where to POST (default http://127.0.0.1:8080/openrtb2/bid).")
    String target;

    @Option(names = "--rate", paramLabel = "PER_S", description = "Requests per second (default 1000).")
    String rate;

    @Option(names = "--duration-s", paramLabel = "S", description = "Measured duration after the warm-up (default 30).")
    String durationS;

    @Option(names = "--warmup-s", paramLabel = "S", description = "Warm-up at the same rate, not measured (default 5).")
    String warmupS;

    @Option(names = "--connections", paramLabel = "N", description = "Keep-alive connections (default 64).")
    String connections;

    @Option(names = "--threads", paramLabel = "N", description = "Sending event-loop threads (default 1).")
    String threads;

    @Option(names = "--timeout-ms", paramLabel = "MS",
            description = "Give up on a request that waits this long for a connection, or this long for its answer (default 1000).")
    String timeoutMs;

    @Option(names = "--connect-timeout-ms", paramLabel = "MS", description = "Connect timeout (default 2000).")
    String connectTimeoutMs;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Directory of *.json bid requests, weighted by its weights.properties (default: built-in IAB examples).")
    String corpus;

    @Option(names = "--variants", paramLabel = "N", description = "Generated variants added to the corpus (default 100).")
    String variants;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for variants and the request mix (default 1).")
    String seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where report.html, latency.hgrm and summary.json go (default loadtest-report).")
    String out;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary JSON here.")
    String json;

    @Option(names = "--fail-on-errors", description = "Exit 1 on any 5xx, timeout or broken connection.")
    boolean failOnErrors;

    @Option(names = "--max-p99-ms", paramLabel = "MS", description = "Exit 1 when the p99 response time is above this.")
    String maxP99Ms;

    @Option(names = "--max-p999-ms", paramLabel = "MS", description = "Exit 1 when the p99.9 response time is above this.")
    String maxP999Ms;

    @Option(names = "--quiet", description = "No progress line each second.")
    boolean quiet;

    private final Map<String, String> env;
    private final PrintStream stdout;
    private final PrintStream stderr;

    LoadTestMain(Map<String, String> env, PrintStream stdout, PrintStream stderr) {
        this.env = env;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) {
        // The CLI's stdout carries results only; send anything a library logs to stderr (see logback.xml).
        System.setProperty("loadtest.log.target", "System.err");
        System.exit(execute(args, System.getenv(), System.out, System.err));
    }

    /** Parses {@code args} over {@code env}, runs, and returns the exit code. */
    public static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new LoadTestMain(env, out, err));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler((e, a) -> {
            err.println("loadtest: " + e.getMessage() + " (see --help)");
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("loadtest: " + e);
            return ExitCode.USAGE;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Config config;
        try {
            config = Config.fromEnv(settings());
        } catch (IllegalArgumentException e) {
            stderr.println("loadtest: invalid settings: " + e.getMessage());
            return ExitCode.USAGE;
        }
        return new LoadRun(config, stdout, stderr).run();
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith("LOADTEST_")) {
                settings.put(key, value);
            }
        });
        put(settings, Config.Key.LOADTEST_TARGET, target);
        put(settings, Config.Key.LOADTEST_RATE, rate);
        put(settings, Config.Key.LOADTEST_DURATION_S, durationS);
        put(settings, Config.Key.LOADTEST_WARMUP_S, warmupS);
        put(settings, Config.Key.LOADTEST_CONNECTIONS, connections);
        put(settings, Config.Key.LOADTEST_THREADS, threads);
        put(settings, Config.Key.LOADTEST_TIMEOUT_MS, timeoutMs);
        put(settings, Config.Key.LOADTEST_CONNECT_TIMEOUT_MS, connectTimeoutMs);
        put(settings, Config.Key.LOADTEST_CORPUS_DIR, corpus);
        put(settings, Config.Key.LOADTEST_VARIANTS, variants);
        put(settings, Config.Key.LOADTEST_SEED, seed);
        put(settings, Config.Key.LOADTEST_OUT_DIR, out);
        put(settings, Config.Key.LOADTEST_JSON_FILE, json);
        put(settings, Config.Key.LOADTEST_MAX_P99_MS, maxP99Ms);
        put(settings, Config.Key.LOADTEST_MAX_P999_MS, maxP999Ms);
        if (failOnErrors) {
            settings.put(Config.Key.LOADTEST_FAIL_ON_ERRORS.name(), "true");
        }
        if (quiet) {
            settings.put(Config.Key.LOADTEST_PROGRESS.name(), "false");
        }
        return settings;
    }

    private static void put(Map<String, String> settings, Config.Key key, String value) {
        if (value != null) {
            settings.put(key.name(), value);
        }
    }
}
