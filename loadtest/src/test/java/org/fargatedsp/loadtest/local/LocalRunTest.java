package org.fargatedsp.loadtest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./run-local.sh} runs, for real: the bidder's and the shipper's jars as two processes, the example
 * traffic, both stopped, and every bid-log record in the S3-shaped directory. The reactor builds both jars before
 * this module's tests (they are its test dependencies).
 */
class LocalRunTest {
    private static final Path BIDDER = Path.of("../bidder/target/bidder.jar");
    private static final Path SHIPPER = Path.of("../sidecars/log-shipper/target/log-shipper.jar");

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void shipsEveryRequestAndNoticeIntoTheS3LayoutAndStopsBothProcesses() throws Exception {
        LocalRun run = new LocalRun(root, BIDDER, SHIPPER, Duration.ofSeconds(150));

        LocalRun.Result result = run.run();

        assertThat(result.requests()).isEqualTo(LocalRun.EXAMPLES.size() * LocalRun.ROUNDS);
        assertThat(result.bids()).as("the embedded campaigns bid on some examples").isPositive();
        assertThat(result.notices()).isEqualTo(2 * result.bids());
        assertThat(result.records()).isEqualTo(result.requests() + result.notices());
        try (Stream<Path> files = Files.walk(result.objectsDir())) {
            List<String> keys = files.filter(Files::isRegularFile)
                    .map(f -> result.objectsDir().relativize(f).toString()).toList();
            assertThat(keys).isNotEmpty().allMatch(k -> k.matches(
                    "bids/year=\\d{4}/month=\\d{2}/day=\\d{2}/hour=\\d{2}/bids-[^/]+\\.jsonl\\.gz"));
        }
        assertThat(Files.list(root.resolve("bids")).filter(f -> f.toString().endsWith(".jsonl")).toList())
                .as("every file shipped and removed").isEmpty();
        assertThat(LocalRun.howToQuery(result)).contains("duckdb", result.objectsDir().toString());
    }
}
