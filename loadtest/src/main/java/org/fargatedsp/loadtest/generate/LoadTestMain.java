package org.fargatedsp.loadtest.generate;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fargatedsp.config.OptionKeys;
import org.fargatedsp.loadtest.bidlog.BidLogFilesCommand;
import org.fargatedsp.loadtest.report.CompareCommand;
import org.fargatedsp.loadtest.report.SoakReportCommand;
import org.fargatedsp.loadtest.scenario.BidLogCommand;
import org.fargatedsp.loadtest.scenario.CapacityCommand;
import org.fargatedsp.loadtest.scenario.VerdictCommand;
import org.fargatedsp.loadtest.stalls.StallsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code loadtest} command: sends OpenRTB bid requests to a target at a constant rate (open
 * loop) and reports latency. Every flag can also be set by its {@code LOADTEST_*} environment
 * variable; a flag wins over the variable.
 */
@Command(name = "loadtest", sortOptions = false,
        subcommands = {CompareCommand.class, SoakReportCommand.class, StallsCommand.class, CapacityCommand.class,
                VerdictCommand.class, BidLogCommand.class, BidLogFilesCommand.class},
        description = "Sends OpenRTB bid requests at a constant rate, whether or not earlier ones have been answered,"
                + " and reports latency measured from each request's intended send time. Every flag can also be set"
                + " by its LOADTEST_* environment variable (docs/loadtest.md).",
        footer = "%nExit codes: 0 completed, 1 failed --fail-on-errors or a latency limit, 2 bad settings,"
                + " unusable corpus or unreachable target.")
public final class LoadTestMain implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /**
     * The flags that set a {@code LOADTEST_*} key. Picocli takes their defaults from the keys (shown by
     * {@code ${DEFAULT-VALUE}}), and {@link #settings} lays only the flags actually typed over the environment.
     */
    static final OptionKeys OPTIONS = OptionKeys.none()
            .option("--target", Config.TARGET)
            .option("--rate", Config.RATE)
            .option("--duration-s", Config.DURATION_S)
            .option("--warmup-s", Config.WARMUP_S)
            .option("--connections", Config.CONNECTIONS)
            .option("--threads", Config.THREADS)
            .option("--timeout-ms", Config.TIMEOUT_MS)
            .option("--connect-timeout-ms", Config.CONNECT_TIMEOUT_MS)
            .option("--corpus", Config.CORPUS_DIR)
            .option("--variants", Config.VARIANTS)
            .option("--seed", Config.SEED)
            .option("--out", Config.OUT_DIR)
            .option("--json", Config.JSON_FILE)
            .option("--fail-on-errors", Config.FAIL_ON_ERRORS)
            .option("--max-p99-ms", Config.MAX_P99_MS)
            .option("--max-p999-ms", Config.MAX_P999_MS)
            .negated("--quiet", Config.PROGRESS);

    /** The subcommands with options that set a key, and those options, which they take their defaults from. */
    static final Map<String, OptionKeys> SUBCOMMAND_OPTIONS = Map.of("capacity", CapacityCommand.OPTIONS,
            "verdict", VerdictCommand.OPTIONS, "stalls", StallsCommand.OPTIONS);

    @Spec
    CommandSpec spec;

    // The fields below define the options for picocli; their values are read through OPTIONS.given, so that a
    // flag left out keeps its variable's value rather than the default picocli fills in.

    @Option(names = "--target", paramLabel = "URL", description = "Where to POST (default ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--rate", paramLabel = "PER_S", description = "Requests per second (default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--duration-s", paramLabel = "S",
            description = "Measured duration after the warm-up (default ${DEFAULT-VALUE}).")
    String durationS;

    @Option(names = "--warmup-s", paramLabel = "S",
            description = "Warm-up at the same rate, not measured (default ${DEFAULT-VALUE}).")
    String warmupS;

    @Option(names = "--connections", paramLabel = "N", description = "Keep-alive connections (default ${DEFAULT-VALUE}).")
    String connections;

    @Option(names = "--threads", paramLabel = "N", description = "Sending event-loop threads (default ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--timeout-ms", paramLabel = "MS",
            description = "Give up on a request that waits this long for a connection, or this long for its answer"
                    + " (default ${DEFAULT-VALUE}).")
    String timeoutMs;

    @Option(names = "--connect-timeout-ms", paramLabel = "MS", description = "Connect timeout (default ${DEFAULT-VALUE}).")
    String connectTimeoutMs;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Directory of *.json bid requests, weighted by its weights.properties (default: built-in IAB examples).")
    String corpus;

    @Option(names = "--variants", paramLabel = "N",
            description = "Generated variants added to the corpus (default ${DEFAULT-VALUE}).")
    String variants;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for variants and the request mix (default ${DEFAULT-VALUE}).")
    String seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where report.html, latency.hgrm and summary.json go (default ${DEFAULT-VALUE}).")
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
        // Each command takes its defaults from its own keys: stalls --duration-s is not the generator's --duration-s.
        commandLine.getCommandSpec().defaultValueProvider(OPTIONS);
        SUBCOMMAND_OPTIONS.forEach((name, options) ->
                commandLine.getSubcommands().get(name).getCommandSpec().defaultValueProvider(options));
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
            config = Config.fromEnv(settings(OPTIONS, spec));
        } catch (IllegalArgumentException e) {
            stderr.println("loadtest: invalid settings: " + e.getMessage());
            return ExitCode.USAGE;
        }
        return new LoadRun(config, stdout, stderr).run();
    }

    /**
     * What {@code command} (this one or a subcommand) reads its keys from: the environment, with the {@code options}
     * typed on its command line laid over it.
     */
    public Map<String, String> settings(OptionKeys options, CommandSpec command) {
        return options.laidOver(env, command.commandLine().getParseResult());
    }
}
