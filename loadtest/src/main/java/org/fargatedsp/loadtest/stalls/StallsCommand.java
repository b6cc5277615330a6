package org.fargatedsp.loadtest.stalls;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.loadtest.schedule.NanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loadtest stalls}: the machine's own latency floor on the core this runs on (pin it with taskset). */
@Command(name = "stalls",
        description = "Spins on one core reading the clock and reports every gap the machine took it away for:"
                + " the floor under any latency measured on that core. Pin it with taskset -c CPU. A 0.5 s warm-up"
                + " comes first, unmeasured.",
        footer = "%nExit codes: 0 measured, 2 bad settings.")
public final class StallsCommand implements Callable<Integer> {
    private static final long WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--duration-s", defaultValue = "5", paramLabel = "S",
            description = "How long to measure, in seconds (default ${DEFAULT-VALUE}).")
    double durationS;

    @Option(names = "--threshold-us", defaultValue = "100", paramLabel = "US",
            description = "The shortest gap counted as a stall, in microseconds (default ${DEFAULT-VALUE}).")
    long thresholdUs;

    @Option(names = "--label", defaultValue = "on this core", paramLabel = "TEXT",
            description = "Where the figures were taken, for the report line (default \"${DEFAULT-VALUE}\").")
    String label;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(durationS > 0 && durationS <= 3600)) {
            return usage("--duration-s must be more than 0 and at most 3600, got " + durationS);
        }
        if (thresholdUs < 1 || thresholdUs > 1_000_000) {
            return usage("--threshold-us must be from 1 to 1000000, got " + thresholdUs);
        }
        StallMeter meter = new StallMeter(NanoClock.SYSTEM, TimeUnit.MICROSECONDS.toNanos(thresholdUs));
        // Unmeasured first: until the JIT has compiled the loop, its compiler thread shares the core and shows up
        // as stalls that are this JVM's own.
        meter.run(WARMUP_NANOS);
        StallReport report = meter.run((long) (durationS * 1e9));
        spec.commandLine().getOut().println(report.render(label));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("loadtest stalls: " + message);
        return 2;
    }
}
