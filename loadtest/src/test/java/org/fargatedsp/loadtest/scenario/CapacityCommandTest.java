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
    void reportsEveryBadSettingAtOnceOnOneLine() {
        assertThat(capacity("--start-rate", "0", "--step-factor", "1", "--p99-threshold-ms", "0")).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(err().lines()).singleElement().asString().startsWith("loadtest capacity: invalid settings: ")
                .contains("--start-rate (START_RATE) must be at least 1, got 0",
                        "--step-factor (STEP_FACTOR) must be above 1, got 1",
                        "--p99-threshold-ms (P99_THRESHOLD_MS) must be above 0, got 0");
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

    /** Runs the command with every setting given, so that no variable of the environment running the tests counts. */
    private int capacity(String... overrides) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("--start-rate", "1000",
                "--step-factor", "2", "--step", "0", "--refine-steps", "3", "--max-rate", "1000000",
                "--step-duration-s", "15", "--step-warmup-s", "10", "--p99-threshold-ms", "5"));
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("capacity", "--dir", dir.toString(), "--name", "bidder"));
        settings.forEach((flag, value) -> args.addAll(List.of(flag, value)));
        return LoadTestMain.execute(args.toArray(String[]::new), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
