package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.shipper.Lines.T0;
import static org.fargatedsp.shipper.Lines.bid;
import static org.fargatedsp.shipper.Lines.eventually;
import static org.fargatedsp.shipper.Lines.shipped;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.shipper.source.DeadLetterFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The dead-letter file's budget: past it, bad lines are counted and logged, and the good ones behind ship. */
class DeadLetterBudgetTest {
    private static final int BUDGET = 4096;
    private static final int BAD = 60;

    @TempDir
    Path root;

    @Test
    void badLinesPastTheDeadLetterBudgetAreCountedAndLoggedAndTheGoodLinesBehindThemShip() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        List<String> good = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < BAD; n++) {
            lines.add("{\"schema_version\":1,\"type\":\"bid\",\"bad\":" + n + "}");
            good.add(bid("t1", n, T0 + n));
            lines.add(good.get(n));
        }
        TestWriter.readyFile(logs, "t1", 1, lines);
        TestWriter.readyFile(logs, "t1", 2, List.of(bid("t1", BAD, T0 + BAD)));
        good.add(bid("t1", BAD, T0 + BAD));

        Logger logger = (Logger) LoggerFactory.getLogger(DeadLetterFile.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Map<String, String> env = Map.of("BID_LOG_DIR", logs.toString(), "SHIPPER_STATE_DIR",
                root.resolve("state").toString(), "SINK", "dir", "SHIPPER_OUTPUT_DIR", root.resolve("out").toString(),
                "SHIPPER_POLL_INTERVAL_MS", "10", "SHIPPER_DEAD_LETTER_MAX_BYTES", Integer.toString(BUDGET));
        try (ShipperAssembly shipper = new ShipperAssembly(ShipperConfig.fromEnv(env), meters,
                System::currentTimeMillis)) {
            shipper.start();
            eventually("both files shipped").until(() -> BidLogFileNames.listReady(logs).isEmpty());
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(shipped(root.resolve("out"))).containsExactlyInAnyOrderElementsOf(good);
        Path deadLetters = root.resolve("state/dead-letters.jsonl");
        assertThat(Files.size(deadLetters)).isLessThanOrEqualTo(BUDGET);
        double kept = meters.counter("dsp.shipper.dead_letters").count();
        double dropped = meters.counter("dsp.shipper.dead_letters.dropped").count();
        assertThat(Files.readAllLines(deadLetters)).hasSize((int) kept);
        assertThat(dropped).isPositive();
        assertThat(kept + dropped).as("every bad line counted").isEqualTo(BAD);
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("is full"))
                .hasSize((int) dropped)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("bids-t1-0000000001.jsonl line "));
    }
}
