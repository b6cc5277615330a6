package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.shipper.Lines.T0;
import static org.fargatedsp.shipper.Lines.bid;
import static org.fargatedsp.shipper.Lines.eventually;
import static org.fargatedsp.shipper.Lines.objects;
import static org.fargatedsp.shipper.Lines.shipped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper as a JVM of its own, killed with {@code kill -9} at seeded random moments while a writer keeps
 * producing and rotating files, and started again each time: at the end every record is in the output directory
 * exactly once, unaltered.
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
        Random random = new Random(SEED);
        List<String> written = new ArrayList<>();
        Process shipper = Jvm.start(ShipperMain.class, env, log);
        try (TestWriter writer = new TestWriter(logs, "t1", 1)) {
            for (int kill = 0; kill < 6; kill++) {
                for (int i = 0; i < 4000; i++) {
                    int n = written.size();
                    String line = bid("t1", n, T0 + n * 10L);
                    writer.write(line);
                    written.add(line);
                    if (n % 300 == 299) {
                        writer.rotate();
                    }
                }
                // Some kills come during start-up and recovery, the others while objects are being written.
                int more = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(40);
                int target = objects(out).size() + more;
                eventually("the shipper wrote " + more + " more objects").until(() ->
                        objects(out).size() >= target || BidLogFileNames.listReady(logs).isEmpty());
                Jvm.kill9(shipper);
                shipper = Jvm.start(ShipperMain.class, env, log);
            }
        }
        eventually("every file shipped").until(() -> {
            try (Stream<Path> left = Files.list(logs)) {
                return left.noneMatch(p -> BidLogFileNames.sequenceOf(p.getFileName().toString()) >= 0);
            }
        });
        shipper.destroy();
        assertThat(shipper.waitFor()).as("SIGTERM exit").isEqualTo(143);

        List<String> lines = shipped(out);
        assertThat(lines).hasSameSizeAs(written).containsExactlyInAnyOrderElementsOf(written);
        assertThat(Files.readString(log)).doesNotContain("\"level\":\"ERROR\"");
    }
}
