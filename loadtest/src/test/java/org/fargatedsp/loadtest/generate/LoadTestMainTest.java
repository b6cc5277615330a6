package org.fargatedsp.loadtest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.fargatedsp.config.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad settings end the command with exit code 2 and one clear line, never a stack trace. */
class LoadTestMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void rateZeroIsOneClearLine() {
        assertThat(execute(Map.of(), "--rate", "0")).isEqualTo(ExitCode.USAGE);

        assertThat(errLines()).containsExactly("loadtest: invalid settings: LOADTEST_RATE=0: must be above 0");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        assertThat(execute(Map.of("LOADTEST_RATE", "0", "LOADTEST_CONNECTIONS", "-1"), "--rate", "5"))
                .isEqualTo(ExitCode.USAGE);

        assertThat(errLines()).singleElement().asString().doesNotContain("LOADTEST_RATE")
                .contains("LOADTEST_CONNECTIONS=-1");
    }

    @Test
    void missingCorpusIsOneClearLine() {
        Path missing = dir.resolve("no-such-corpus");

        assertThat(execute(Map.of(), "--corpus", missing.toString())).isEqualTo(ExitCode.USAGE);

        assertThat(errLines()).containsExactly(
                "loadtest: corpus directory " + missing + " does not exist or is not a directory");
    }

    @Test
    void unreachableTargetIsOneClearLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int code = execute(Map.of(), "--target", "http://127.0.0.1:" + closedPort + "/openrtb2/bid",
                "--out", dir.toString());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(errLines()).singleElement().asString()
                .startsWith("loadtest: cannot connect to 127.0.0.1:" + closedPort + ": ");
    }

    @Test
    void unknownFlagIsOneClearLine() {
        assertThat(execute(Map.of(), "--rat", "5")).isEqualTo(ExitCode.USAGE);

        assertThat(errLines()).singleElement().asString().startsWith("loadtest: Unknown options: '--rat'")
                .endsWith("(see --help)");
    }

    @Test
    void helpListsEveryFlag() {
        assertThat(execute(Map.of(), "--help")).isEqualTo(ExitCode.OK);

        String help = out.toString(StandardCharsets.UTF_8);
        for (Key<?> key : Config.KEYS) {
            assertThat(LoadTestMain.OPTIONS.optionFor(key)).as("the flag of %s", key).isNotNull();
            assertThat(help).contains(LoadTestMain.OPTIONS.optionFor(key));
        }
        assertThat(help).contains("compare", "soak-report");
    }

    @Test
    void helpShowsTheDefaultsOfTheKeys() {
        assertThat(execute(Map.of(), "--help")).isEqualTo(ExitCode.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Requests per second (default 1000).",
                "Keep-alive connections (default 64).", "Sending event-loop threads (default 1).");
    }

    @Test
    void subcommandsKeepTheirOwnDefaults() {
        assertThat(execute(Map.of(), "stalls", "--help")).isEqualTo(ExitCode.OK);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("How long to measure, in seconds (STALL_S, default 5).");
    }

    @Test
    void aFlagLeftOutKeepsItsVariable() {
        assertThat(execute(Map.of("LOADTEST_CONNECTIONS", "2", "LOADTEST_THREADS", "3"), "--rate", "5"))
                .isEqualTo(ExitCode.USAGE);

        assertThat(errLines()).containsExactly(
                "loadtest: invalid settings: LOADTEST_CONNECTIONS=2: must be at least LOADTEST_THREADS (3)");
    }

    private int execute(Map<String, String> env, String... args) {
        return LoadTestMain.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private java.util.List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
