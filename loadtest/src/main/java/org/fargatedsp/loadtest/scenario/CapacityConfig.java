package org.fargatedsp.loadtest.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.Key;
import org.fargatedsp.loadtest.report.Criteria;
import org.fargatedsp.loadtest.report.TextReport;

/**
 * The settings of the capacity search, validated all at once: the scenario variables of {@code loadtest/run.sh},
 * overlaid by the {@code loadtest capacity} flags tied to them ({@link CapacityCommand#OPTIONS}).
 *
 * @param step           added to the rate at each step up; 0 to multiply by {@code stepFactor} instead
 * @param p99ThresholdMs a step holds with p99 at most this and no 5xx, timeout or broken connection
 */
public record CapacityConfig(long startRate, double stepFactor, long step, int refineSteps, long maxRate,
        int stepDurationS, int stepWarmupS, double p99ThresholdMs) {

    public static final Key<Long> START_RATE = Key.longInteger("START_RATE", 1, Long.MAX_VALUE).byDefault(1000L)
            .doc("the first rate of the capacity search, in requests per second");
    public static final Key<Double> STEP_FACTOR = Key.positiveDecimal("STEP_FACTOR").byDefault(2.0)
            .doc("multiplies the rate at each step up; above 1 unless `STEP` is above 0");
    public static final Key<Long> STEP = Key.longInteger("STEP", 0, Long.MAX_VALUE).byDefault(0L)
            .doc("added to the rate at each step up instead, when above 0");
    public static final Key<Integer> REFINE_STEPS = Key.integer("REFINE_STEPS", 0, Integer.MAX_VALUE).byDefault(3)
            .doc("bisections between the highest rate that held and the lowest that did not, after the first step"
                    + " that did not hold");
    public static final Key<Long> MAX_RATE = Key.longInteger("MAX_RATE", 1, Long.MAX_VALUE).byDefault(1_000_000L)
            .doc("the highest rate tried");
    public static final Key<Duration> STEP_DURATION_S = seconds("STEP_DURATION_S", 1, 15)
            .doc("measured seconds of each step");
    public static final Key<Duration> STEP_WARMUP_S = seconds("STEP_WARMUP_S", 0, 10)
            .doc("warm-up seconds of each step, at its rate, not measured");
    public static final Key<Double> P99_THRESHOLD_MS = Key.positiveDecimal("P99_THRESHOLD_MS").byDefault(5.0)
            .doc("a step holds with the response-time p99 at most this and no 5xx, timeout or broken connection");

    /** Every key, in the order of the documentation's table. */
    public static final List<Key<?>> KEYS = List.of(START_RATE, STEP_FACTOR, STEP, REFINE_STEPS, MAX_RATE,
            STEP_DURATION_S, STEP_WARMUP_S, P99_THRESHOLD_MS);

    /**
     * Validates every key of {@code env} and builds the settings.
     *
     * @throws ConfigException listing every bad setting
     */
    public static CapacityConfig fromEnv(Map<String, String> env) {
        ConfigReader r = new ConfigReader(env);
        CapacityConfig config = new CapacityConfig(r.get(START_RATE), r.get(STEP_FACTOR), r.get(STEP),
                r.get(REFINE_STEPS), r.get(MAX_RATE), (int) r.get(STEP_DURATION_S).toSeconds(),
                (int) r.get(STEP_WARMUP_S).toSeconds(), r.get(P99_THRESHOLD_MS));
        if (r.valid(STEP, STEP_FACTOR) && config.step == 0 && config.stepFactor <= 1) {
            r.problem(STEP_FACTOR, config.stepFactor, "must be above 1 when " + STEP + " is 0");
        }
        r.throwIfProblems();
        return config;
    }

    /** The search these settings describe. */
    public CapacitySearch search() {
        return new CapacitySearch(startRate, stepFactor, step, refineSteps, maxRate,
                new Criteria(true, p99ThresholdMs, Double.NaN));
    }

    /** What a step must meet to hold, for the messages: {@code p99 <= 5 ms, no errors}. */
    public String criterion() {
        return "p99 <= " + TextReport.number(p99ThresholdMs) + " ms, no errors";
    }

    /** The generator flags of the step at {@code rate}, which holds when the generator exits 0. */
    public String stepFlags(long rate) {
        return "--rate " + rate + " --duration-s " + stepDurationS + " --warmup-s " + stepWarmupS
                + " --fail-on-errors --max-p99-ms " + TextReport.number(p99ThresholdMs);
    }

    private static Key<Duration> seconds(String name, long min, long defaultS) {
        // An int of seconds at most: the record holds int fields.
        return Key.duration(name, Duration.ofSeconds(min), Duration.ofSeconds(Integer.MAX_VALUE))
                .byDefault(Duration.ofSeconds(defaultS));
    }
}
