package org.fargatedsp.loadtest.stalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.loadtest.generate.LoadTestMain;
import org.fargatedsp.loadtest.schedule.NanoClock;
import org.junit.jupiter.api.Test;

class StallMeterTest {
    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A clock that moves by the given steps, then by 1 µs a reading. */
    private static NanoClock steps(long... nanos) {
        long[] time = {0};
        int[] next = {0};
        return () -> {
            long now = time[0];
            time[0] += next[0] < nanos.length ? nanos[next[0]++] : US;
            return now;
        };
    }

    @Test
    void countsGapsFromTheThresholdUpAndTheTimeTheyTook() {
        // Readings 1 µs apart but for three gaps: 600 µs, 1.5 ms and 4 ms; one second in all.
        NanoClock clock = steps(US, US, 600 * US, US, 1500 * US, US, US, 4 * MS, US);
        StallReport report = new StallMeter(clock, 100 * US).run(TimeUnit.SECONDS.toNanos(1));

        assertThat(report.stalls().getTotalCount()).isEqualTo(3);
        assertThat(report.perSecondOver(MS / 2)).isEqualTo(3.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.perSecondOver(MS)).isEqualTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.perSecondOver(3 * MS)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.perSecondOver(5 * MS)).isZero();
        assertThat(report.longestNanos()).isBetween(3_990 * US, 4_010 * US);
        assertThat(report.lostFraction()).isEqualTo(0.0061, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(report.render("on CPU 0")).startsWith("stalls on CPU 0 over 1.0 s: 3.0/s over 0.5 ms,"
                + " 2.0/s over 1 ms, 1.0/s over 3 ms, longest 4.00 ms, 0.61% of the time lost");
    }

    @Test
    void gapsUnderTheThresholdAreTheLoopItself() {
        StallReport report = new StallMeter(steps(99 * US, 99 * US), 100 * US).run(MS);

        assertThat(report.stalls().getTotalCount()).isZero();
        assertThat(report.longestNanos()).isZero();
        assertThat(report.lostFraction()).isZero();
        assertThat(report.perSecondOver(MS)).isZero();
    }

    @Test
    void refusesANonPositiveThresholdOrDuration() {
        assertThatThrownBy(() -> new StallMeter(NanoClock.SYSTEM, 0)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new StallMeter(NanoClock.SYSTEM, US).run(0)).hasMessageContaining("duration");
    }

    @Test
    void theCommandMeasuresOnTheRealClockAndPrintsOneLine() {
        Result result = run("stalls", "--duration-s", "0.2", "--label", "in the test");

        assertThat(result.code).isZero();
        // How long the meter really ran depends on the machine: only the shape of the line is checked.
        assertThat(result.out).matches("stalls in the test over [0-9.]+ s: .*/s over 1 ms, .*% of the time lost.*\\n");
        assertThat(result.err).isEmpty();
    }

    @Test
    void theCommandNamesABadValueAndExits2() {
        Result zero = run("stalls", "--duration-s", "0");
        Result threshold = run("stalls", "--threshold-us", "-5");
        Result word = run("stalls", "--duration-s", "soon");
        Result tooLong = run(Map.of("STALL_S", "3601"), "stalls", "--threshold-us", "0");

        assertThat(zero.code).isEqualTo(2);
        assertThat(zero.err).contains("STALL_S=0: must be above 0");
        assertThat(threshold.code).isEqualTo(2);
        assertThat(threshold.err).contains("--threshold-us must be from 1 to 1000000, got -5");
        assertThat(word.code).isEqualTo(2);
        assertThat(word.err).contains("STALL_S=soon: not a number");
        assertThat(tooLong.code).isEqualTo(2);
        assertThat(tooLong.err).as("every problem at once").isEqualTo("loadtest stalls: invalid settings:"
                + " STALL_S=3601: must be at most 3600; --threshold-us must be from 1 to 1000000, got 0\n");
        assertThat(zero.out + threshold.out + word.out + tooLong.out).isEmpty();
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        return run(Map.of(), args);
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadTestMain.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
