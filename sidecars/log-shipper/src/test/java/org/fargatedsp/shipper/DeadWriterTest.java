package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.shipper.Lines.T0;
import static org.fargatedsp.shipper.Lines.bid;
import static org.fargatedsp.shipper.Lines.eventually;
import static org.fargatedsp.shipper.Lines.shipped;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bidder killed with {@code kill -9} leaves its active file; the shipper ships its complete lines itself. */
class DeadWriterTest {
    @TempDir
    Path root;

    @Test
    void shipsTheCompleteLinesOfAWriterKilledWithKill9OnceItsLockIsFree() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Map<String, String> env = Map.of("BID_LOG_DIR", logs.toString(), "SHIPPER_STATE_DIR",
                root.resolve("state").toString(), "SINK", "dir", "SHIPPER_OUTPUT_DIR", root.resolve("out").toString(),
                "SHIPPER_POLL_INTERVAL_MS", "10");
        try (ShipperAssembly shipper = new ShipperAssembly(ShipperConfig.fromEnv(env), meters,
                System::currentTimeMillis)) {
            shipper.start();
            Process writer = Jvm.start(TestWriter.class, Map.of(), null, logs.toString(), "dead");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("written 2000")) {
                    assertThat(shipped(root.resolve("out"))).as("a live writer's file is never read").isEmpty();
                }
            }
            Jvm.kill9(writer);

            // Its file, and any new file the shipper took in the instant before its lock (the writer then moved on).
            eventually("the dead writer's file shipped and removed").until(() -> {
                try (Stream<Path> left = Files.list(logs)) {
                    return left.noneMatch(p -> BidLogFileNames.isActive(p.getFileName().toString()));
                }
            });
        }
        List<String> lines = shipped(root.resolve("out"));
        assertThat(lines.size()).isGreaterThanOrEqualTo(2000);
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            expected.add(bid("dead", n, T0 + n));
        }
        assertThat(lines).as("every complete line once, in no other order than written")
                .containsExactlyInAnyOrderElementsOf(expected);
        Path deadLetters = root.resolve("state/dead-letters.jsonl");
        if (Files.exists(deadLetters)) {
            assertThat(Files.readAllLines(deadLetters)).allSatisfy(l -> assertThat(l).contains("partial last line"));
        }
    }
}
