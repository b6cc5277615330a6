package org.fargatedsp.loadtest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fargatedsp.loadtest.baseline.BaselineServer;
import org.fargatedsp.loadtest.report.ReportFiles;
import org.fargatedsp.loadtest.report.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generator for a couple of seconds against real servers on loopback and checks the counts add up. */
class LoadRunEndToEndTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void everyRequestAgainstTheBaselineIsAnsweredWith204() throws Exception {
        try (BaselineServer server = BaselineServer.start(
                org.fargatedsp.loadtest.baseline.Config.fromEnv(Map.of("PORT", "0", "IO_THREADS", "1")))) {
            int code = run(server.port(), Map.of("LOADTEST_RATE", "400", "LOADTEST_DURATION_S", "2",
                    "LOADTEST_WARMUP_S", "1", "LOADTEST_CONNECTIONS", "8", "LOADTEST_FAIL_ON_ERRORS", "true",
                    "LOADTEST_TIMEOUT_MS", "30000"));

            RunSummary summary = ReportFiles.readSummary(dir.resolve("out/summary.json"));
            assertThat(code).as(text()).isEqualTo(ExitCode.OK);
            assertThat(summary.scheduled()).isEqualTo(800);
            assertThat(summary.sent()).isEqualTo(800);
            assertThat(summary.answered() + summary.timeouts() + summary.errors()).isEqualTo(summary.scheduled());
            assertThat(summary.statuses()).containsOnlyKeys("204");
            assertThat(summary.noBid204()).isEqualTo(summary.answered());
            assertThat(summary.responseTime().count()).isEqualTo(summary.answered());
            assertThat(summary.seconds()).isNotEmpty();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("verdict    passed", "report.html");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("warm-up sent");
            assertThat(dir.resolve("out/report.html")).exists();
            assertThat(dir.resolve("out/latency.hgrm")).exists();
        }
    }

    @Test
    void statusCountsMatchWhatTheServerAnswered() throws Exception {
        // Request k gets 500 when k % 10 == 0, 200 when k % 10 is 1..3, else 204.
        try (MixedStatusServer server = new MixedStatusServer(k -> k % 10 == 0 ? 500 : k % 10 <= 3 ? 200 : 204)) {
            int code = run(server.port(), Map.of("LOADTEST_RATE", "300", "LOADTEST_DURATION_S", "2",
                    "LOADTEST_WARMUP_S", "0", "LOADTEST_CONNECTIONS", "6", "LOADTEST_THREADS", "2",
                    "LOADTEST_TIMEOUT_MS", "30000", "LOADTEST_FAIL_ON_ERRORS", "true",
                    "LOADTEST_JSON_FILE", dir.resolve("copy.json").toString()));

            RunSummary summary = ReportFiles.readSummary(dir.resolve("copy.json"));
            assertThat(code).as("5xx fail the run").isEqualTo(ExitCode.FAILED);
            assertThat(summary.scheduled()).isEqualTo(600);
            assertThat(summary.answered()).isEqualTo(600);
            assertThat(summary.server5xx()).isEqualTo(60);
            assertThat(summary.ok200()).isEqualTo(180);
            assertThat(summary.noBid204()).isEqualTo(360);
            assertThat(summary.bidRate()).isEqualTo(0.3);
            assertThat(summary.failures()).containsExactly("60 answers with status 5xx");
            assertThat(server.ids).as("every request carried a fresh id").hasSize(600);
        }
    }

    @Test
    void unansweredRequestsTimeOutAndTheirConnectionsAreReplaced() throws Exception {
        // Request k is never answered when k % 5 == 0.
        try (MixedStatusServer server = new MixedStatusServer(k -> k % 5 == 0 ? 0 : 204)) {
            int code = run(server.port(), Map.of("LOADTEST_RATE", "50", "LOADTEST_DURATION_S", "2",
                    "LOADTEST_WARMUP_S", "0", "LOADTEST_CONNECTIONS", "16", "LOADTEST_TIMEOUT_MS", "400"));

            RunSummary summary = ReportFiles.readSummary(dir.resolve("out/summary.json"));
            assertThat(code).as("without --fail-on-errors timeouts do not fail the run").isEqualTo(ExitCode.OK);
            assertThat(summary.scheduled()).isEqualTo(100);
            assertThat(summary.timeouts()).isGreaterThanOrEqualTo(20);
            assertThat(summary.answered() + summary.timeouts() + summary.errors()).isEqualTo(100);
            assertThat(summary.connectionsReplaced()).as("a timed-out connection is closed and opened anew").isPositive();
        }
    }

    private int run(int port, Map<String, String> settings) throws InterruptedException {
        Map<String, String> env = new HashMap<>(settings);
        env.put("LOADTEST_TARGET", "http://127.0.0.1:" + port + "/openrtb2/bid");
        env.put("LOADTEST_OUT_DIR", dir.resolve("out").toString());
        env.put("LOADTEST_VARIANTS", "20");
        return new LoadRun(Config.fromEnv(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
