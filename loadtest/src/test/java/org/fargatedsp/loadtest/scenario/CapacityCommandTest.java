package org.fargatedsp.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.loadtest.generate.LoadTestMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loadtest capacity} as run.sh calls it, once per step, over summaries left in its directory. */
class CapacityCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void asksFirstForTheStartRateWithTheFlagsOfAStep() {
        assertThat(capacity()).isZero();

        assertThat(out()).isEqualTo("measure 1000 --rate 1000 --duration-s 15 --warmup-s 10 --fail-on-errors"
                + " --max-p99-ms 5\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void saysHowTheLastStepHeldAndAsksForTheNext() throws IOException {
        measured(1000, "step-held.json");

        assertThat(capacity()).isZero();

        assertThat(out()).startsWith("measure 2000 --rate 2000 ");
        assertThat(err()).contains("loadtest capacity: bidder at 1000/s: held (p50 0.312 ms, p99 1.204 ms,"
                + " p99.9 3.100 ms, max 9.800 ms)").doesNotContain("warning");
    }

    @Test
    void warnsWhenTheGeneratorUsedNearlyAllOfItsCore() throws IOException {
        measured(1000, "step-generator-near-its-limit.json");

        capacity();

        assertThat(err()).contains("warning: the generator used nearly all of its core at 1000/s; above this the"
                + " generator, not bidder, may be the limit");
    }

    @Test
    void namesTheCapacityOnceTheSearchIsOver() throws IOException {
        measured(1000, "step-held.json");
        measured(2000, "step-p99-8.6ms.json");

        assertThat(capacity("--refine-steps", "0")).isZero();

        assertThat(out()).isEqualTo("capacity 1000 p99 <= 5 ms, no errors\n");
        assertThat(err()).contains("bidder at 2000/s: did not hold (p99 8.600 ms is above the limit of 5 ms)",
                "bidder capacity: 1000/s with p99 <= 5 ms, no errors");
    }

    @Test
    void saysWhenEvenTheStartRateDidNotHold() throws IOException {
        measured(1000, "step-timeouts.json");

        assertThat(capacity()).isZero();

        assertThat(out()).isEqualTo("capacity 0 p99 <= 5 ms, no errors\n");
        assertThat(err()).contains("bidder at 1000/s: did not hold (3 timeouts)",
                "bidder did not hold even at the start rate 1000/s; lower START_RATE");
    }

    @Test
    void takesEachSettingFromItsVariableAndAFlagOverIt() {
        Map<String, String> env = Map.of("START_RATE", "500", "STEP_DURATION_S", "20", "P99_THRESHOLD_MS", " ");

        assertThat(capacity(env, "--step-warmup-s", "3")).isZero();

        assertThat(out()).as("a blank variable is unset").isEqualTo("measure 500 --rate 500 --duration-s 20"
                + " --warmup-s 3 --fail-on-errors --max-p99-ms 5\n");
        out.reset();
        assertThat(capacity(env, "--start-rate", "700")).isZero();
        assertThat(out()).startsWith("measure 700 --rate 700 --duration-s 20 ");
    }

    @Test
    void reportsEveryBadSettingAtOnceOnOneLine() {
        assertThat(capacity("--start-rate", "0", "--step-factor", "1", "--p99-threshold-ms", "0")).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(err().lines()).singleElement().asString().startsWith("loadtest capacity: invalid settings: ")
                .contains("START_RATE=0: must be at least 1",
                        "STEP_FACTOR=1: must be above 1 when STEP is 0",
                        "P99_THRESHOLD_MS=0: must be above 0");
    }

    @Test
    void namesTheVariableAndItsValueWhenTheEnvironmentHasABadOne() {
        assertThat(capacity(Map.of("MAX_RATE", "lots", "STEP", "-1"))).isEqualTo(2);

        assertThat(err()).isEqualTo("loadtest capacity: invalid settings: STEP=-1: must be at least 0;"
                + " MAX_RATE=lots: not a whole number\n");
    }

    @Test
    void aStepNeedsNoStepFactorAboveOne() {
        assertThat(capacity(Map.of("STEP", "250"), "--step-factor", "1")).isZero();

        assertThat(out()).startsWith("measure 1000 ");
    }

    @Test
    void anUnreadableSummaryIsExitCode2() throws IOException {
        Files.createDirectories(dir.resolve("rate-1000"));
        Files.writeString(dir.resolve("rate-1000/summary.json"), "{ cut short");

        assertThat(capacity()).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("loadtest capacity: cannot read " + dir.resolve("rate-1000/summary.json"));
    }

    private void measured(long rate, String fixture) throws IOException {
        Path step = Files.createDirectories(dir.resolve(CapacityCommand.STEP_DIR_PREFIX + rate));
        Files.copy(ScenarioFixtures.path(fixture), step.resolve("summary.json"));
    }

    private int capacity(String... flags) {
        return capacity(Map.of(), flags);
    }

    /** Runs the command as run.sh does, over {@code env} (the environment of the test run does not count). */
    private int capacity(Map<String, String> env, String... flags) {
        List<String> args = new ArrayList<>(List.of("capacity", "--dir", dir.toString(), "--name", "bidder"));
        args.addAll(List.of(flags));
        return LoadTestMain.execute(args.toArray(String[]::new), env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
