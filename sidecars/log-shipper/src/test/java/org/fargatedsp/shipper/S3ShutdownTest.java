package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.shipper.Lines.T0;
import static org.fargatedsp.shipper.Lines.bid;
import static org.fargatedsp.shipper.Lines.eventually;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.shipper.sink.InProcessS3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to the shipper as a JVM of its own with {@code SINK=s3} (S3Proxy in this JVM). */
class S3ShutdownTest {
    private static final long STOP_TIMEOUT_MS = 3_000;
    private static InProcessS3Proxy server;

    @TempDir
    Path root;

    @BeforeAll
    static void startS3() throws Exception {
        server = new InProcessS3Proxy();
    }

    @AfterAll
    static void stopS3() {
        server.close();
    }

    @Test
    void onSigtermItShipsTheFilesThatWaitAndExits0WithinTheStopTimeout() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        try (S3Bucket bucket = new S3Bucket(server.endpoint(), "sigterm-drain")) {
            Process shipper = startShipper(bucket, logs);
            List<String> written = new ArrayList<>();
            for (int seq = 1; seq <= 40; seq++) {
                List<String> file = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    file.add(bid("t1", written.size() + i, T0 + written.size() + i));
                }
                TestWriter.readyFile(logs, "t1", seq, file);
                written.addAll(file);
            }
            shipper.destroy();

            assertThat(shipper.waitFor(STOP_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS)).as("stopped in time").isTrue();
            assertThat(shipper.exitValue()).isZero();
            assertThat(BidLogFileNames.listReady(logs)).isEmpty();
            assertThat(bucket.lines()).isEqualTo(written);
        }
    }

    @Test
    void aStopTimeoutSpentWaitingForAWriterThatNeverLetsGoExitsInTimeAndTheNextStartShipsTheRestOnce()
            throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        try (S3Bucket bucket = new S3Bucket(server.endpoint(), "sigterm-held")) {
            List<String> written = new ArrayList<>();
            TestWriter writer = new TestWriter(logs, "t1", 1);
            for (int n = 0; n < 1_000; n++) {
                written.add(bid("t1", n, T0 + n));
                writer.write(written.get(n));
                if (n % 250 == 249) {
                    writer.rotate();
                }
            }
            // The writer holds file 5 and writes on: the shipper may never take it.
            for (int n = 1_000; n < 1_100; n++) {
                written.add(bid("t1", n, T0 + n));
                writer.write(written.get(n));
            }
            Process shipper = startShipper(bucket, logs);
            eventually("the four ready files shipped").until(() -> BidLogFileNames.listReady(logs).isEmpty());
            shipper.destroy();

            assertThat(shipper.waitFor(STOP_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS)).as("stopped in time").isTrue();
            assertThat(shipper.exitValue()).as("everything it read was acknowledged").isZero();
            assertThat(bucket.lines()).isEqualTo(written.subList(0, 1_000));
            assertThat(Files.exists(logs.resolve(BidLogFileNames.activeName("t1", 5)))).isTrue();

            for (int n = 1_100; n < 1_300; n++) {
                written.add(bid("t1", n, T0 + n));
                writer.write(written.get(n));
            }
            writer.close();
            Process next = startShipper(bucket, logs);
            eventually("the held file shipped by the next start").until(() -> KillHarness.noBidLogFiles(logs));
            next.destroy();
            assertThat(next.waitFor(STOP_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(bucket.lines()).as("every record once, in order").isEqualTo(written);
        }
    }

    private Process startShipper(S3Bucket bucket, Path logs) throws Exception {
        Map<String, String> env = bucket.shipperEnv(new HashMap<>(Map.of("BID_LOG_DIR", logs.toString(),
                "SHIPPER_STATE_DIR", root.resolve("state").toString(), "S3_OBJECT_MAX_BYTES", "16384",
                "SHIPPER_POLL_INTERVAL_MS", "10", "SHIPPER_STOP_TIMEOUT_MS", Long.toString(STOP_TIMEOUT_MS))));
        Path log = root.resolve("shipper.log");
        Process shipper = Jvm.start(ShipperMain.class, env, log);
        eventually("the shipper started").until(() -> Files.exists(log) && Files.readString(log).contains("shipping "));
        return shipper;
    }
}
