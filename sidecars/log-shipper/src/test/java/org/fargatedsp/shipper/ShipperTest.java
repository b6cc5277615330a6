package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.shipper.Lines.T0;
import static org.fargatedsp.shipper.Lines.bid;
import static org.fargatedsp.shipper.Lines.eventually;
import static org.fargatedsp.shipper.Lines.shipped;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipper in-process with the directory sink, against real files. */
class ShipperTest {
    @TempDir
    Path root;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ShipperAssembly shipper;

    @AfterEach
    void stop() throws Exception {
        if (shipper != null) {
            shipper.close();
        }
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("BID_LOG_DIR", root.resolve("logs").toString());
        env.put("SHIPPER_STATE_DIR", root.resolve("state").toString());
        env.put("SINK", "dir");
        env.put("SHIPPER_OUTPUT_DIR", root.resolve("out").toString());
        env.put("S3_OBJECT_MAX_BYTES", "16384");
        env.put("SHIPPER_POLL_INTERVAL_MS", "10");
        env.put("SHIPPER_STOP_TIMEOUT_MS", "20000");
        return env;
    }

    ShipperAssembly start(Map<String, String> env) throws Exception {
        shipper = new ShipperAssembly(ShipperConfig.fromEnv(env), meters, System::currentTimeMillis);
        shipper.start();
        return shipper;
    }

    @Test
    void shipsEveryRecordExactlyOnceWhileTheWriterRotatesAtAHighRate() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        start(env());
        List<String> written = new ArrayList<>();
        try (TestWriter writer = new TestWriter(logs, "t1", 1)) {
            for (int n = 0; n < 20_000; n++) {
                String line = bid("t1", n, T0 + n * 100L);
                writer.write(line);
                written.add(line);
                if (n % 37 == 36) {
                    writer.rotate();
                }
            }
        }
        eventually("every file shipped and removed").until(() -> BidLogFileNames.listReady(logs).isEmpty()
                && meters.counter("dsp.shipper.records.shipped").count() >= written.size());

        assertThat(shipped(root.resolve("out"))).containsExactlyInAnyOrderElementsOf(written);
        // More when the shipper took a new file in the instant before its lock, as the bidder allows (an empty one).
        assertThat(meters.counter("dsp.shipper.files.done").count()).isGreaterThanOrEqualTo(20_000 / 37 + 1);
    }

    @Test
    void badLinesGoToTheDeadLetterFileWithTheirFileAndLineAndTheRestShips() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        TestWriter.readyFile(logs, "t1", 1, List.of(bid("t1", 1, T0), "{\"schema_version\":1,\"type\":\"bid\"}",
                "garbage", bid("t1", 4, T0 + 1)));
        TestWriter.readyFile(logs, "t1", 2, List.of(bid("t1", 5, T0 + 2)));
        start(env());

        eventually("both files shipped").until(() -> BidLogFileNames.listReady(logs).isEmpty());
        assertThat(shipped(root.resolve("out"))).containsExactlyInAnyOrder(bid("t1", 1, T0), bid("t1", 4, T0 + 1),
                bid("t1", 5, T0 + 2));
        List<String> dead = Files.readAllLines(root.resolve("state/dead-letters.jsonl"));
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0)).contains("\"file\":\"bids-t1-0000000001.jsonl\",\"line\":2,")
                .contains("missing required field ts");
        assertThat(dead.get(1)).contains("\"line\":3,").contains("\"line\":\"garbage\"");
        assertThat(meters.counter("dsp.shipper.dead_letters").count()).isEqualTo(2);
    }

    @Test
    void onSigtermItShipsTheFileTheStoppingBidderPublishesAfterTheSignal() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        start(env());
        List<String> written = new ArrayList<>();
        TestWriter writer = new TestWriter(logs, "t1", 1);
        for (int n = 0; n < 500; n++) {
            written.add(bid("t1", n, T0 + n));
            writer.write(written.get(n));
        }
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> {
            try {
                return shipper.shutdown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The bidder, stopping too, writes its last lines and publishes its file only now.
        for (int n = 500; n < 700; n++) {
            written.add(bid("t1", n, T0 + n));
            writer.write(written.get(n));
        }
        writer.rotate();

        assertThat(stopped.get()).as("everything in flight acknowledged").isTrue();
        shipper = null;
        assertThat(shipped(root.resolve("out"))).containsExactlyInAnyOrderElementsOf(written);
        assertThat(BidLogFileNames.listReady(logs)).isEmpty();
    }

    @Test
    void moveLeavesShippedFilesInTheDoneFolder() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        TestWriter.readyFile(logs, "t1", 3, List.of(bid("t1", 1, T0)));
        Map<String, String> env = env();
        env.put("SHIPPER_DONE_ACTION", "move");
        start(env);

        eventually("moved").until(() -> Files.exists(root.resolve("state/done/bids-t1-0000000003.jsonl")));
        assertThat(BidLogFileNames.listReady(logs)).isEmpty();
        assertThat(shipped(root.resolve("out"))).containsExactly(bid("t1", 1, T0));
    }
}
