package org.fargatedsp.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.fargatedsp.loadtest.generate.LoadTestMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BidLogCountsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void readsTheCountsFromTheBiddersJsonLineOnStopping() throws IOException {
        try (Stream<String> lines = Files.lines(ScenarioFixtures.path("bidder.log"))) {
            BidLogCounts counts = BidLogCounts.fromLog(lines);

            assertThat(counts.written()).isEqualTo(2_362_468);
            assertThat(counts.dropped()).containsExactly(Map.entry("queue_full", 57_907L),
                    Map.entry("disk_budget", 0L), Map.entry("io_error", 0L), Map.entry("closed", 2L));
        }
    }

    @Test
    void skipsLinesThatAreNotJsonOrWhoseCountsAreNotNumbers() {
        BidLogCounts counts = BidLogCounts.fromLog(Stream.of(
                "{\"bid_log_written\":5,\"bid_log_dropped\":{\"queue_full\":1}}",
                "{\"bid_log_written\":\"6\",\"bid_log_dropped\":{\"queue_full\":2}}",
                "{\"bid_log_written\":7,\"bid_log_dropped\":\"none\"}",
                "bid_log_written 8",
                "{\"bid_log_written\":9,"));

        assertThat(counts).isEqualTo(new BidLogCounts(5, Map.of("queue_full", 1L)));
    }

    @Test
    void theLastLineWithCountsWins() {
        BidLogCounts counts = BidLogCounts.fromLog(Stream.of(
                "{\"bid_log_written\":1,\"bid_log_dropped\":{}}",
                "{\"bid_log_written\":2,\"bid_log_dropped\":{}}"));

        assertThat(counts.written()).isEqualTo(2);
    }

    @Test
    void printsTheCountsOnOneLineByCause() {
        assertThat(execute(ScenarioFixtures.path("bidder.log"))).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("bid log: written 2362468, dropped {queue_full:57907,disk_budget:0,io_error:0,closed:2}\n");
    }

    @Test
    void printsNothingForAServerWithoutABidLog() {
        assertThat(execute(ScenarioFixtures.path("baseline.log"))).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void readsALogWithBytesThatAreNotUtf8() throws IOException {
        Path log = dir.resolve("server.log");
        Files.write(log, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        Files.writeString(log, "{\"bid_log_written\":3,\"bid_log_dropped\":{\"closed\":0}}\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(execute(log)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("bid log: written 3, dropped {closed:0}\n");
    }

    @Test
    void aMissingLogIsExitCode2() {
        assertThat(execute(dir.resolve("missing.log"))).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("loadtest bid-log: cannot read ");
    }

    private int execute(Path log) {
        return LoadTestMain.execute(new String[] {"bid-log", log.toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
