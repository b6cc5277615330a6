package org.fargatedsp.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.fargatedsp.loadtest.generate.LoadTestMain;
import org.fargatedsp.loadtest.report.Comparison;
import org.fargatedsp.loadtest.report.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compare scenario's verdict over summary.json fixtures: the baseline at 24,000/s and the bidder at 7,500/s at
 * their capacity (a ratio of 0.313), and each of them at half a capacity, passed or failed.
 */
class VerdictTest {
    private static final String THROUGHPUT_MISSED = "throughput: bidder/baseline 0.313 against 0.5: MISSED\n";
    private static final String THROUGHPUT_MET = "throughput: bidder/baseline 0.313 against 0.3: met\n";
    private static final String BIDDER_HALF_FAILED = "bidder at half its capacity (3750/s): FAILED: p99 2.710 ms is"
            + " above the limit of 1 ms; p99.9 18.800 ms is above the limit of 5 ms\n";
    private static final String BIDDER_HALF_PASSED = "bidder at half its capacity (3750/s): passed\n";
    private static final String BASELINE_HALF_FAILED = "baseline at half its own capacity (12000/s): FAILED: p99"
            + " 2.980 ms is above the limit of 1 ms; p99.9 14.800 ms is above the limit of 5 ms\n";
    private static final String BASELINE_HALF_PASSED = "baseline at half its own capacity (12000/s): passed\n";

    static Stream<Arguments> verdicts() {
        return Stream.of(
                arguments("a ratio below MIN_RATIO fails, and a baseline that misses the limits too says the machine"
                                + " cannot judge them",
                        0.5, "bidder-half-failed.json", "baseline-own-half-failed.json", "stalls.txt",
                        THROUGHPUT_MISSED + BIDDER_HALF_FAILED + BASELINE_HALF_FAILED
                                + "the baseline, which does nothing, misses the latency limits too: this machine's"
                                + " stalls (stalls.txt) are above them, and the bidder's half-capacity latency cannot"
                                + " be judged here\n",
                        false),
                arguments("without a stall measurement the verdict names no file",
                        0.3, "bidder-half-passed.json", "baseline-own-half-failed.json", null,
                        THROUGHPUT_MET + BIDDER_HALF_PASSED + BASELINE_HALF_FAILED
                                + "the baseline, which does nothing, misses the latency limits too: this machine's"
                                + " stalls are above them, and the bidder's half-capacity latency cannot be judged"
                                + " here\n",
                        true),
                arguments("the ratio met and the bidder within its limits at half its capacity pass",
                        0.3, "bidder-half-passed.json", "baseline-own-half-passed.json", "stalls.txt",
                        THROUGHPUT_MET + BIDDER_HALF_PASSED + BASELINE_HALF_PASSED, true),
                arguments("the bidder missing its limits where the baseline meets them fails, on the bidder",
                        0.3, "bidder-half-failed.json", "baseline-own-half-passed.json", null,
                        THROUGHPUT_MET + BIDDER_HALF_FAILED + BASELINE_HALF_PASSED, false),
                arguments("without the half-capacity runs (HALF_CHECK=0) the ratio alone decides",
                        0.3, null, null, null, THROUGHPUT_MET, true),
                arguments("without the half-capacity runs a missed ratio fails",
                        0.5, null, null, null, THROUGHPUT_MISSED, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void saysWhatTheComparePassed(String behaviour, double minRatio, String bidderHalf, String baselineOwnHalf,
            String stalls, String expectedAfterHeading, boolean expectedPassed) {
        Verdict verdict = new Verdict(atCapacity(), minRatio, summary(bidderHalf), summary(baselineOwnHalf), stalls);

        assertThat(verdict.render()).isEqualTo("== verdict\n" + expectedAfterHeading);
        assertThat(verdict.passed()).isEqualTo(expectedPassed);
    }

    @Test
    void theCommandExitsWith1WhenTheComparisonFailed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = verdict(out, new ByteArrayOutputStream(), "--min-ratio", "0.5",
                "--subject-half", ScenarioFixtures.path("bidder-half-failed.json").toString(),
                "--reference-half", ScenarioFixtures.path("baseline-own-half-failed.json").toString(),
                "--stalls", "/results/stalls.txt");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("== verdict\n" + THROUGHPUT_MISSED)
                .contains("(stalls.txt)");
    }

    @Test
    void theCommandExitsWith0WhenTheComparisonPassed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(verdict(out, new ByteArrayOutputStream(), "--min-ratio", "0.3")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("== verdict\n" + THROUGHPUT_MET);
    }

    @Test
    void theCommandTakesTheRatioFromMinRatioAndTheFlagOverIt() {
        ByteArrayOutputStream fromVariable = new ByteArrayOutputStream();
        ByteArrayOutputStream fromFlag = new ByteArrayOutputStream();

        assertThat(verdict(Map.of("MIN_RATIO", "0.3"), fromVariable, new ByteArrayOutputStream())).isZero();
        assertThat(verdict(Map.of("MIN_RATIO", "0.3"), fromFlag, new ByteArrayOutputStream(), "--min-ratio", "0.5"))
                .isEqualTo(1);

        assertThat(fromVariable.toString(StandardCharsets.UTF_8)).isEqualTo("== verdict\n" + THROUGHPUT_MET);
        assertThat(fromFlag.toString(StandardCharsets.UTF_8)).isEqualTo("== verdict\n" + THROUGHPUT_MISSED);
    }

    @Test
    void aBadMinRatioIsExitCode2NamingTheVariableAndTheValue() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(verdict(Map.of("MIN_RATIO", "-1"), out, err)).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("loadtest verdict: invalid settings: MIN_RATIO=-1: must be at least 0\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMissingSummaryIsExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = verdict(new ByteArrayOutputStream(), err, "--subject-half", "/no/such/summary.json");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("loadtest verdict: cannot read a summary: ")
                .contains("/no/such/summary.json");
    }

    private static int verdict(ByteArrayOutputStream out, ByteArrayOutputStream err, String... options) {
        return verdict(Map.of(), out, err, options);
    }

    private static int verdict(Map<String, String> env, ByteArrayOutputStream out, ByteArrayOutputStream err,
            String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "verdict";
        args[1] = ScenarioFixtures.path("baseline-at-capacity.json").toString();
        args[2] = ScenarioFixtures.path("bidder-at-capacity.json").toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return LoadTestMain.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Comparison atCapacity() {
        return new Comparison("baseline", summary("baseline-at-capacity.json"), "bidder",
                summary("bidder-at-capacity.json"));
    }

    private static RunSummary summary(String fixture) {
        return fixture == null ? null : ScenarioFixtures.summary(fixture);
    }
}
