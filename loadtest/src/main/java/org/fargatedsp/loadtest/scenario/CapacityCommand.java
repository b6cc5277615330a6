package org.fargatedsp.loadtest.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fargatedsp.loadtest.report.Criteria;
import org.fargatedsp.loadtest.report.LatencyStats;
import org.fargatedsp.loadtest.report.ReportFiles;
import org.fargatedsp.loadtest.report.RunSummary;
import org.fargatedsp.loadtest.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
                "What it found goes to stderr. An option's default can be set by the variable named in",
                "its description, as loadtest/run.sh documents (docs/loadtest.md)."},
        footer = "%nExit codes: 0 a line was printed, 2 bad settings or an unreadable summary.")
public final class CapacityCommand implements Callable<Integer> {
    /** Each step's files go to {@code DIR/rate-<R>/}. */
    public static final String STEP_DIR_PREFIX = "rate-";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where the steps' results go.")
    Path dir;

    @Option(names = "--name", defaultValue = "server", paramLabel = "NAME",
            description = "The server measured, for the messages (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--start-rate", defaultValue = "${env:START_RATE:-1000}", paramLabel = "PER_S",
            description = "The first rate (START_RATE, default 1000).")
    long startRate;

    @Option(names = "--step-factor", defaultValue = "${env:STEP_FACTOR:-2}", paramLabel = "F",
            description = "Multiplies the rate at each step up (STEP_FACTOR, default 2).")
    double stepFactor;

    @Option(names = "--step", defaultValue = "${env:STEP:-0}", paramLabel = "PER_S",
            description = "Adds this to the rate at each step up instead, when above 0 (STEP, default 0).")
    long step;

    @Option(names = "--refine-steps", defaultValue = "${env:REFINE_STEPS:-3}", paramLabel = "N",
            description = "Bisections after the first step that did not hold (REFINE_STEPS, default 3).")
    int refineSteps;

    @Option(names = "--max-rate", defaultValue = "${env:MAX_RATE:-1000000}", paramLabel = "PER_S",
            description = "The highest rate tried (MAX_RATE, default 1000000).")
    long maxRate;

    @Option(names = "--step-duration-s", defaultValue = "${env:STEP_DURATION_S:-15}", paramLabel = "S",
            description = "Measured seconds of each step (STEP_DURATION_S, default 15).")
    int stepDurationS;

    @Option(names = "--step-warmup-s", defaultValue = "${env:STEP_WARMUP_S:-10}", paramLabel = "S",
            description = "Warm-up seconds of each step, at its rate (STEP_WARMUP_S, default 10).")
    int stepWarmupS;

    @Option(names = "--p99-threshold-ms", defaultValue = "${env:P99_THRESHOLD_MS:-5}", paramLabel = "MS",
            description = "A step holds with p99 at most this and no 5xx, timeout or error (P99_THRESHOLD_MS,"
                    + " default 5).")
    double p99ThresholdMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CapacitySearch search;
        try {
            search = search();
        } catch (IllegalArgumentException e) {
            return usage("invalid settings: " + e.getMessage());
        }
        CapacitySearch.Progress progress;
        try {
            progress = search.replay(this::summaryAt);
        } catch (UncheckedIOException e) {
            return usage(e.getCause().getMessage());
        }
        CapacitySearch.Step last = progress.lastStep();
        if (last != null) {
            report(last);
        }
        String criterion = "p99 <= " + TextReport.number(p99ThresholdMs) + " ms, no errors";
        if (progress.done()) {
            if (progress.startRateFailed()) {
                progress(name + " did not hold even at the start rate " + startRate + "/s; lower START_RATE");
            }
            progress(name + " capacity: " + progress.capacity() + "/s with " + criterion);
            out.println("capacity " + progress.capacity() + " " + criterion);
        } else {
            long rate = progress.nextRate();
            out.println("measure " + rate + " --rate " + rate + " --duration-s " + stepDurationS + " --warmup-s "
                    + stepWarmupS + " --fail-on-errors --max-p99-ms " + TextReport.number(p99ThresholdMs));
        }
        out.flush();
        return 0;
    }

    private CapacitySearch search() {
        List<String> problems = new ArrayList<>();
        check(problems, startRate >= 1, "--start-rate (START_RATE) must be at least 1, got " + startRate);
        check(problems, maxRate >= 1, "--max-rate (MAX_RATE) must be at least 1, got " + maxRate);
        check(problems, step >= 0, "--step (STEP) must be 0 or more, got " + step);
        check(problems, step > 0 || stepFactor > 1,
                "--step-factor (STEP_FACTOR) must be above 1, got " + TextReport.number(stepFactor));
        check(problems, refineSteps >= 0, "--refine-steps (REFINE_STEPS) must be 0 or more, got " + refineSteps);
        check(problems, stepDurationS >= 1,
                "--step-duration-s (STEP_DURATION_S) must be at least 1, got " + stepDurationS);
        check(problems, stepWarmupS >= 0, "--step-warmup-s (STEP_WARMUP_S) must be 0 or more, got " + stepWarmupS);
        check(problems, p99ThresholdMs > 0,
                "--p99-threshold-ms (P99_THRESHOLD_MS) must be above 0, got " + TextReport.number(p99ThresholdMs));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new CapacitySearch(startRate, stepFactor, step, refineSteps, maxRate,
                new Criteria(true, p99ThresholdMs, Double.NaN));
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
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
