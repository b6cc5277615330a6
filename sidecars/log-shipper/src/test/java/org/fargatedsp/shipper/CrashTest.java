package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.shipper.Lines.objects;
import static org.fargatedsp.shipper.Lines.shipped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper as a JVM of its own, killed with {@code kill -9} at seeded random moments while a writer keeps
 * producing and rotating files, and started again each time ({@link KillHarness}): at the end every record is in
 * the output directory exactly once, unaltered.
 */
class CrashTest {
    private static final long SEED = 15;

    @TempDir
    Path root;

    @Test
    void everyRecordIsInTheOutputExactlyOnceThroughKill9s() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        Path out = root.resolve("out");
        Path log = root.resolve("shipper.log");
        Map<String, String> env = Map.of("BID_LOG_DIR", logs.toString(), "SHIPPER_STATE_DIR",
                root.resolve("state").toString(), "SINK", "dir", "SHIPPER_OUTPUT_DIR", out.toString(),
                "S3_OBJECT_MAX_BYTES", "8192", "SHIPPER_POLL_INTERVAL_MS", "10", "SHIPPER_BATCHES_IN_FLIGHT", "8");

        List<String> written = KillHarness.run(logs, env, log, SEED, 6, () -> objects(out).size());

        List<String> lines = shipped(out);
        assertThat(lines).hasSameSizeAs(written).containsExactlyInAnyOrderElementsOf(written);
        assertThat(Files.readString(log)).doesNotContain("\"level\":\"ERROR\"");
    }
}
