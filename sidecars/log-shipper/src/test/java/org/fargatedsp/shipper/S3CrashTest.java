package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fargatedsp.shipper.sink.InProcessS3Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KillHarness} into S3 (S3Proxy in this JVM, the shipper in its own): through six {@code kill -9}s every
 * record is in the bucket exactly once, unaltered, in its file's order; a batch delivered again after a kill
 * overwrites its own object, so there is not one duplicate.
 */
class S3CrashTest {
    private static final long SEED = 1515;

    @TempDir
    Path root;

    @Test
    void everyRecordIsInS3ExactlyOnceInItsFilesOrderThroughKill9s() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        Path log = root.resolve("shipper.log");
        try (InProcessS3Proxy server = new InProcessS3Proxy(); S3Bucket bucket = new S3Bucket(server.endpoint(),
                "crash-bids")) {
            Map<String, String> env = bucket.shipperEnv(Map.of("BID_LOG_DIR", logs.toString(), "SHIPPER_STATE_DIR",
                    root.resolve("state").toString(), "S3_OBJECT_MAX_BYTES", "8192", "SHIPPER_POLL_INTERVAL_MS",
                    "10", "SHIPPER_BATCHES_IN_FLIGHT", "8"));

            List<String> written = KillHarness.run(logs, env, log, SEED, 6, bucket::count);

            // One task, so objects in (sequence, first line) order hold exactly the lines written, in order.
            assertThat(bucket.lines()).as("every record once, unaltered, in writing order").isEqualTo(written);
            assertThat(bucket.keys()).doesNotHaveDuplicates();
        }
        assertThat(Files.readString(log)).doesNotContain("\"level\":\"ERROR\"");
    }
}
