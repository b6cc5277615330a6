package org.fargatedsp.loadtest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
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

        assertThat(errLines()).containsExactly(
                "loadtest: invalid settings: --rate (LOADTEST_RATE) must be a number above 0, got '0'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        assertThat(execute(Map.of("LOADTEST_RATE", "0", "LOADTEST_CONNECTIONS", "-1"), "--rate", "5"))
                .isEqualTo(ExitCode.USAGE);

        assertThat(errLines()).singleElement().asString().doesNotContain("--rate").contains("--connections");
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
        for (Config.Key key : Config.Key.values()) {
            assertThat(help).contains(key.flag().split(" ")[0]);
        }
        assertThat(help).contains("compare", "soak-report");
    }

    private int execute(Map<String, String> env, String... args) {
        return LoadTestMain.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private java.util.List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
