package org.fargatedsp.loadtest.stalls;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;
import org.fargatedsp.config.OptionKeys;
import org.fargatedsp.loadtest.generate.LoadTestMain;
import org.fargatedsp.loadtest.schedule.NanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code loadtest stalls}: the machine's own latency floor on the core this runs on (pin it with taskset). */
@Command(name = "stalls",
        description = "Spins on one core reading the clock and reports every gap the machine took it away for:"
                + " the floor under any latency measured on that core. Pin it with taskset -c CPU. A 0.5 s warm-up"
                + " comes first, unmeasured.",
        footer = "%nExit codes: 0 measured, 2 bad settings.")
public final class StallsCommand implements Callable<Integer> {
    /** How long it measures: a decimal of seconds rather than a duration key, as a fraction of a second will do. */
    public static final Key<Double> STALL_S = Key.positiveDecimal("STALL_S").byDefault(5.0)
            .doc("how long `stalls` measures, in seconds (at most 3600)");

    /** The option that sets {@link #STALL_S}, which picocli takes its default from. */
    public static final OptionKeys OPTIONS = OptionKeys.none().option("--duration-s", STALL_S);

    private static final double MAX_DURATION_S = 3600;
    private static final long WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    // Read through OPTIONS, so that the flag left out keeps the variable's value.
    @Option(names = "--duration-s", paramLabel = "S",
            description = "How long to measure, in seconds (STALL_S, default ${DEFAULT-VALUE}).")
    String durationS;

    @Option(names = "--threshold-us", defaultValue = "100", paramLabel = "US",
            description = "The shortest gap counted as a stall, in microseconds (default ${DEFAULT-VALUE}).")
    long thresholdUs;

    @Option(names = "--label", defaultValue = "on this core", paramLabel = "TEXT",
            description = "Where the figures were taken, for the report line (default \"${DEFAULT-VALUE}\").")
    String label;

    @ParentCommand
    LoadTestMain loadtest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        double seconds;
        try {
            ConfigReader settings = new ConfigReader(loadtest.settings(OPTIONS, spec));
            seconds = settings.get(STALL_S);
            if (settings.valid(STALL_S) && seconds > MAX_DURATION_S) {
                settings.problem(STALL_S, seconds, "must be at most " + (int) MAX_DURATION_S);
            }
            if (thresholdUs < 1 || thresholdUs > 1_000_000) {
                settings.problem("--threshold-us must be from 1 to 1000000, got " + thresholdUs);
            }
            settings.throwIfProblems();
        } catch (ConfigException e) {
            return usage("invalid settings: " + e.getMessage());
        }
        StallMeter meter = new StallMeter(NanoClock.SYSTEM, TimeUnit.MICROSECONDS.toNanos(thresholdUs));
        // Unmeasured first: until the JIT has compiled the loop, its compiler thread shares the core and shows up
        // as stalls that are this JVM's own.
        meter.run(WARMUP_NANOS);
        StallReport report = meter.run((long) (seconds * 1e9));
        spec.commandLine().getOut().println(report.render(label));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("loadtest stalls: " + message);
        return 2;
    }
}
