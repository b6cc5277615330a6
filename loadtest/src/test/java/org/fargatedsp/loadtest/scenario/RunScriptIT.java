package org.fargatedsp.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.fargatedsp.loadtest.report.ReportFiles;
import org.fargatedsp.loadtest.report.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code loadtest/run.sh} end to end, with the baseline server standing in for the bidder, and
 * checks that each scenario reports what it should and leaves nothing running. Latency limits and
 * timeouts are set far out of reach: these tests check the scripts, not the speed of this machine.
 */
class RunScriptIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = MODULE.resolve("run.sh");
    private static final Path JAR = MODULE.resolve("target/loadtest.jar");
    private static final String BASELINE = "java -Xmx128m -cp " + JAR + " org.fargatedsp.loadtest.baseline.BaselineMain";
    private static final Pattern READY = Pattern.compile("(\\S+) ready on port (\\d+) \\(pid (\\d+)\\)");
    private static final long BOUND_S = 240;

    @TempDir
    Path dir;

    @Test
    void smokePassesAgainstABaselineAndStopsIt() throws Exception {
        Result result = run("smoke", Map.of("RATE", "200", "DURATION_S", "2", "WARMUP_S", "1"));

        assertThat(result.code).as(result.stderr).isZero();
        RunSummary summary = ReportFiles.readSummary(dir.resolve("results/run/summary.json"));
        assertThat(summary.passed()).isTrue();
        assertThat(summary.scheduled()).isEqualTo(400);
        assertThat(summary.answered()).isEqualTo(400);
        assertThat(dir.resolve("results/run/report.html")).exists();
        assertThat(result.stdout).contains("verdict    passed");
        assertStopped(result);
    }

    @Test
    void compareFindsBothCapacitiesPrintsTheirRatioAndSaysWhenTheMachineCannotJudgeTheLatency() throws Exception {
        Result result = run("compare", Map.ofEntries(Map.entry("START_RATE", "150"), Map.entry("MAX_RATE", "300"),
                Map.entry("REFINE_STEPS", "0"), Map.entry("STEP_DURATION_S", "2"), Map.entry("STEP_WARMUP_S", "1"),
                Map.entry("P99_THRESHOLD_MS", "60000"), Map.entry("HALF_DURATION_S", "2"), Map.entry("WARMUP_S", "1"),
                Map.entry("HALF_P99_MS", "0.001"), Map.entry("HALF_P999_MS", "60000"), Map.entry("STALL_S", "0.2"),
                Map.entry("HALF_WARMUP_S", "1")));

        assertThat(result.code).as("the half-capacity limits were missed: " + result.stderr).isEqualTo(1);
        assertThat(result.stdout).containsPattern("stalls on CPU \\d+ over [0-9.]+ s: .*/s over 1 ms");
        assertThat(Files.readString(dir.resolve("results/stalls.txt"))).contains("stalls on CPU");
        assertThat(result.stdout).contains("== at capacity (highest rate that held): baseline 300/s, bidder 300/s",
                "throughput (answers/s)", "== bidder at half its capacity: 150/s");
        assertThat(dir.resolve("results/baseline/rate-150/summary.json")).exists();
        assertThat(dir.resolve("results/bidder/rate-300/summary.json")).exists();
        assertThat(dir.resolve("results/bidder-half/summary.json")).exists();
        assertThat(result.stdout).contains("== baseline at half its own capacity: 150/s");
        assertThat(dir.resolve("results/baseline-own-half/summary.json")).exists();
        // No server answers within a microsecond: both half-capacity runs miss it, and the verdict says the
        // machine cannot judge the target rather than blaming the bidder alone.
        assertThat(result.stdout).contains("== verdict", "throughput: bidder/baseline 1.000 against 0.5: met",
                "bidder at half its capacity (150/s): FAILED: p99",
                "baseline at half its own capacity (150/s): FAILED: p99",
                "the bidder's half-capacity latency cannot be judged here");
        assertThat(Files.readString(dir.resolve("results/verdict.txt"))).contains("== verdict");
        assertThat(Files.readString(dir.resolve("results/compare.txt"))).contains("baseline", "bidder", "ratio");
        assertStopped(result);
    }

    @Test
    void capacityEndsWithExitCode1WhenEvenTheStartRateDoesNotHold() throws Exception {
        // No server answers within a microsecond: the first step fails, and the search ends there. An empty STEP
        // means no step, as when it is not set.
        Result result = run("capacity", Map.of("TARGET", "baseline", "START_RATE", "100", "STEP_DURATION_S", "1",
                "STEP_WARMUP_S", "0", "P99_THRESHOLD_MS", "0.001", "STEP", ""));

        assertThat(result.code).as(result.stderr).isEqualTo(1);
        assertThat(ReportFiles.readSummary(dir.resolve("results/baseline/rate-100/summary.json")).failures())
                .singleElement().asString().startsWith("p99 ").endsWith(" ms is above the limit of 0.001 ms");
        assertThat(result.stderr).contains("baseline at 100/s: did not hold (p99 ",
                "baseline did not hold even at the start rate 100/s; lower START_RATE");
        assertThat(result.stdout).contains("capacity: 0 requests/s held (p99 <= 0.001 ms, no errors); results in "
                + dir.resolve("results"));
        assertStopped(result);
    }

    @Test
    void aBidderThatDiesAtStartEndsTheScenarioWithExitCode2() throws Exception {
        Result result = run("smoke", Map.of("BIDDER_CMD", "java -cp " + JAR + " no.such.MainClass"));

        assertThat(result.code).isEqualTo(2);
        assertThat(result.stderr).contains("bidder exited (code 1) before it was ready",
                "Could not find or load main class no.such.MainClass");
    }

    @Test
    void terminatingTheScriptStopsTheServerAndGeneratorItStarted() throws Exception {
        ProcessBuilder builder = builder("smoke", Map.of("RATE", "100", "DURATION_S", "600"))
                .redirectOutput(dir.resolve("stdout.txt").toFile());
        Process script = builder.start();
        StringBuffer stderr = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(script.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    stderr.append(line).append('\n');
                }
            } catch (IOException e) {
                stderr.append(e);
            }
        });
        reader.start();
        await("the generator is running").atMost(Duration.ofSeconds(BOUND_S))
                .untilAsserted(() -> assertThat(stderr.toString()).contains(" sent "));

        script.destroy();
        assertThat(script.waitFor(BOUND_S, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(BOUND_S));

        assertThat(script.exitValue()).isEqualTo(143);
        assertThat(dir.resolve("results/run/summary.json")).as("the run was cut short").doesNotExist();
        assertStopped(new Result(script.exitValue(), "", stderr.toString()));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
                .as("no child of the script outlives it").isZero();
    }

    private Result run(String scenario, Map<String, String> settings) throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process script = start(scenario, settings, stdout, stderr);
        if (!script.waitFor(BOUND_S, TimeUnit.SECONDS)) {
            script.destroy();
            script.waitFor(BOUND_S, TimeUnit.SECONDS);
            Assertions.fail("run.sh " + scenario + " did not finish within " + BOUND_S + " s: "
                    + Files.readString(stderr));
        }
        return new Result(script.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private Process start(String scenario, Map<String, String> settings, Path stdout, Path stderr) throws IOException {
        return builder(scenario, settings).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    private ProcessBuilder builder(String scenario, Map<String, String> settings) {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), scenario)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(Map.of("LOADTEST_JAR", JAR.toString(), "BIDDER_CMD", BASELINE, "BASELINE_CMD", BASELINE,
                "GEN_JAVA_OPTS", "-Xmx256m", "RESULTS_DIR", dir.resolve("results").toString(), "CONNECTIONS", "8",
                "READY_TIMEOUT_S", "120", "TIMEOUT_MS", "30000"));
        env.putAll(settings);
        return builder;
    }

    /** Every server the script reported ready is gone and its port is closed. */
    private static void assertStopped(Result result) throws IOException {
        Matcher ready = READY.matcher(result.stderr);
        int servers = 0;
        while (ready.find()) {
            servers++;
            int port = Integer.parseInt(ready.group(2));
            long pid = Long.parseLong(ready.group(3));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("%s (pid %d) still running", ready.group(1), pid).isFalse();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                Assertions.fail(ready.group(1) + " still listening on port " + port);
            } catch (ConnectException expected) {
                // Refused: nothing listens there any more.
            }
        }
        assertThat(servers).as("servers the script reported ready").isPositive();
    }

    private record Result(int code, String stdout, String stderr) {}
}
