package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fargatedsp.shipper.sink.fault.FaultServer;
import org.fargatedsp.shipper.sink.fault.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KillHarness} into Firehose (the fault server's PutRecordBatch in this JVM, the shipper in its own):
 * through six {@code kill -9}s every record arrives at least once, unaltered, and the duplicates stay within
 * {@link org.fargatedsp.shipper.sink.FirehoseSink}'s documented bound: per crash, the records of the batches in
 * flight, {@code SHIPPER_BATCHES_IN_FLIGHT} batches of at most {@code S3_OBJECT_MAX_BYTES} of lines.
 */
class FirehoseCrashTest {
    private static final long SEED = 4242;
    private static final int KILLS = 6;
    private static final int BATCHES_IN_FLIGHT = 8;
    private static final int BATCH_BYTES = 8192;

    @TempDir
    Path root;

    @Test
    void everyRecordArrivesAtLeastOnceAndDuplicatesStayWithinTheBatchesInFlightPerKill() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        Path log = root.resolve("shipper.log");
        try (FaultServer server = FaultServer.start().createStream("bids")) {
            Map<String, String> env = new HashMap<>(Map.of("BID_LOG_DIR", logs.toString(), "SHIPPER_STATE_DIR",
                    root.resolve("state").toString(), "SINK", "firehose", "FIREHOSE_STREAM", "bids",
                    "S3_OBJECT_MAX_BYTES", Integer.toString(BATCH_BYTES), "SHIPPER_POLL_INTERVAL_MS", "10",
                    "SHIPPER_BATCHES_IN_FLIGHT", Integer.toString(BATCHES_IN_FLIGHT)));
            env.putAll(S3Bucket.aws(server.endpoint()));

            List<String> written = KillHarness.run(logs, env, log, SEED, KILLS,
                    () -> server.requests(Operation.PUT_RECORD_BATCH));

            Map<String, Long> arrived = server.firehoseRecords().stream()
                    .flatMap(r -> new String(r, StandardCharsets.UTF_8).lines())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            Set<String> expected = new HashSet<>(written);
            assertThat(arrived.keySet()).as("every record at least once, none altered or invented")
                    .isEqualTo(expected);
            long duplicates = arrived.values().stream().mapToLong(n -> n - 1).sum();
            int shortest = written.stream().mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).min()
                    .orElseThrow();
            long bound = (long) KILLS * BATCHES_IN_FLIGHT * (BATCH_BYTES / shortest);
            assertThat(duplicates).as("duplicates of %d kills", KILLS).isLessThanOrEqualTo(bound);
        }
        assertThat(Files.readString(log)).doesNotContain("\"level\":\"ERROR\"");
    }
}
