package org.fargatedsp.loadtest.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.config.OptionKeys;
import org.fargatedsp.loadtest.generate.LoadTestMain;
import org.fargatedsp.loadtest.report.LatencyStats;
import org.fargatedsp.loadtest.report.ReportFiles;
import org.fargatedsp.loadtest.report.RunSummary;
import org.fargatedsp.loadtest.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code loadtest capacity}: one move of the capacity search ({@link CapacitySearch}) over the steps measured so far
 * in a directory, for the scenario script that starts the generator for each step.
 */
@Command(name = "capacity", sortOptions = false,
        description = {"Reads the steps of a capacity search measured so far, DIR/rate-<R>/summary.json, judges",
                "them, and prints one line on stdout for the script that runs the steps:",
                "  measure <R> <flags...>      run the generator with these flags and --out DIR/rate-<R>;",
                "  capacity <R> <criterion...> the search is over; <R> held (0: no rate did).",
                "What it found goes to stderr. Every option but --dir and --name can also be",
                "set by the variable its description names; an option wins over its variable",
                "(docs/loadtest.md)."},
        footer = "%nExit codes: 0 a line was printed, 2 bad settings or an unreadable summary.")
public final class CapacityCommand implements Callable<Integer> {
    /** Each step's files go to {@code DIR/rate-<R>/}. */
    public static final String STEP_DIR_PREFIX = "rate-";

    /**
     * The options that set a scenario variable. Picocli takes their defaults from the keys (shown by
     * {@code ${DEFAULT-VALUE}}), and {@link #call} lays only the options actually typed over the environment.
     */
    public static final OptionKeys OPTIONS = OptionKeys.none()
            .option("--start-rate", CapacityConfig.START_RATE)
            .option("--step-factor", CapacityConfig.STEP_FACTOR)
            .option("--step", CapacityConfig.STEP)
            .option("--refine-steps", CapacityConfig.REFINE_STEPS)
            .option("--max-rate", CapacityConfig.MAX_RATE)
            .option("--step-duration-s", CapacityConfig.STEP_DURATION_S)
            .option("--step-warmup-s", CapacityConfig.STEP_WARMUP_S)
            .option("--p99-threshold-ms", CapacityConfig.P99_THRESHOLD_MS);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where the steps' results go.")
    Path dir;

    @Option(names = "--name", defaultValue = "server", paramLabel = "NAME",
            description = "The server measured, for the messages (default ${DEFAULT-VALUE}).")
    String name;

    // The fields below define the options for picocli; their values are read through OPTIONS.laidOver.

    @Option(names = "--start-rate", paramLabel = "PER_S",
            description = "The first rate (START_RATE, default ${DEFAULT-VALUE}).")
    String startRate;

    @Option(names = "--step-factor", paramLabel = "F",
            description = "Multiplies the rate at each step up (STEP_FACTOR, default ${DEFAULT-VALUE}).")
    String stepFactor;

    @Option(names = "--step", paramLabel = "PER_S",
            description = "Adds this to the rate at each step up instead, when above 0 (STEP, default"
                    + " ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--refine-steps", paramLabel = "N",
            description = "Bisections after the first step that did not hold (REFINE_STEPS, default ${DEFAULT-VALUE}).")
    String refineSteps;

    @Option(names = "--max-rate", paramLabel = "PER_S",
            description = "The highest rate tried (MAX_RATE, default ${DEFAULT-VALUE}).")
    String maxRate;

    @Option(names = "--step-duration-s", paramLabel = "S",
            description = "Measured seconds of each step (STEP_DURATION_S, default ${DEFAULT-VALUE}).")
    String stepDurationS;

    @Option(names = "--step-warmup-s", paramLabel = "S",
            description = "Warm-up seconds of each step, at its rate (STEP_WARMUP_S, default ${DEFAULT-VALUE}).")
    String stepWarmupS;

    @Option(names = "--p99-threshold-ms", paramLabel = "MS",
            description = "A step holds with p99 at most this and no 5xx, timeout or error (P99_THRESHOLD_MS,"
                    + " default ${DEFAULT-VALUE}).")
    String p99ThresholdMs;

    @ParentCommand
    LoadTestMain loadtest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CapacityConfig config;
        try {
            config = CapacityConfig.fromEnv(loadtest.settings(OPTIONS, spec));
        } catch (ConfigException e) {
            return usage("invalid settings: " + e.getMessage());
        }
        CapacitySearch.Progress progress;
        try {
            progress = config.search().replay(this::summaryAt);
        } catch (UncheckedIOException e) {
            return usage(e.getCause().getMessage());
        }
        CapacitySearch.Step last = progress.lastStep();
        if (last != null) {
            report(last);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (progress.done()) {
            if (progress.startRateFailed()) {
                progress(name + " did not hold even at the start rate " + config.startRate() + "/s; lower START_RATE");
            }
            progress(name + " capacity: " + progress.capacity() + "/s with " + config.criterion());
            out.println("capacity " + progress.capacity() + " " + config.criterion());
        } else {
            long rate = progress.nextRate();
            out.println("measure " + rate + " " + config.stepFlags(rate));
        }
        out.flush();
        return 0;
    }

    private RunSummary summaryAt(long rate) {
        Path file = dir.resolve(STEP_DIR_PREFIX + rate).resolve(ReportFiles.SUMMARY);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return ReportFiles.readSummary(file);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e.getMessage(), e));
        }
    }

    private void report(CapacitySearch.Step step) {
        if (!step.held()) {
            progress(name + " at " + step.rate() + "/s: did not hold (" + String.join("; ", step.failures()) + ")");
            return;
        }
        LatencyStats latency = step.summary().responseTime();
        progress(String.format(Locale.ROOT, "%s at %d/s: held (p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms)", name,
                step.rate(), TextReport.ms(latency.p50Ms()), TextReport.ms(latency.p99Ms()),
                TextReport.ms(latency.p999Ms()), TextReport.ms(latency.maxMs())));
        if (TextReport.generatorNearItsLimit(step.summary())) {
            progress("warning: the generator used nearly all of its core at " + step.rate() + "/s; above this the"
                    + " generator, not " + name + ", may be the limit");
        }
    }

    private void progress(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(LocalTime.now().format(CLOCK) + " loadtest capacity: " + message);
        err.flush();
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("loadtest capacity: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
