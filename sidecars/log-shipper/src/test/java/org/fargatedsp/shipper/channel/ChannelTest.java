package org.fargatedsp.shipper.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.shipper.source.DeadLetterFile;
import org.fargatedsp.shipper.source.LineCheck;
import org.fargatedsp.shipper.source.LogDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelTest {
    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path root;

    private final HeldSink sink = new HeldSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Channel channel;
    private DeadLetterFile deadLetters;

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.stop();
            channel.awaitStopped(10_000);
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    @Test
    void theCheckpointMovesOnlyOverTheAcknowledgedPrefixWhenBatchesFinishOutOfOrder() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        writeReady(logs, "t1", 1, 40);
        CheckpointStore checkpoints = new CheckpointStore(root.resolve("checkpoints"));
        channel = channel(logs, checkpoints, 3);
        channel.start();
        eventually("three batches in flight").until(() -> sink.deliveries.size() == 3);
        String name = BidLogFileNames.readyName("t1", 1);

        sink.ack(2);
        sink.ack(1);
        eventually("the committer took both").until(() -> meters.counter("dsp.shipper.records.shipped").count()
                == sink.deliveries.get(1).batch().records() + sink.deliveries.get(2).batch().records());
        assertThat(checkpoints.load(name)).as("the first batch still waits").isNull();
        assertThat(sink.deliveries).as("no place in flight was freed past the bound").hasSize(3);

        sink.ack(0);
        Batch third = sink.deliveries.get(2).batch();
        eventually("the checkpoint passes all three").until(() -> {
            Checkpoint c = checkpoints.load(name);
            return c != null && c.offset() >= third.endOffset();
        });
        Checkpoint c = checkpoints.load(name);
        assertThat(c.offset()).isEqualTo(third.endOffset());
        assertThat(c.lines()).isEqualTo(third.lastLine());
    }

    @Test
    void aRestartReadsOnFromTheCheckpointWithTheSameBatchBoundaries() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        writeReady(logs, "t1", 1, 40);
        CheckpointStore checkpoints = new CheckpointStore(root.resolve("checkpoints"));
        channel = channel(logs, checkpoints, 2);
        channel.start();
        eventually("two in flight").until(() -> sink.deliveries.size() == 2);
        sink.ack(0);
        eventually("the first batch checkpointed").until(() ->
                checkpoints.load(BidLogFileNames.readyName("t1", 1)) != null);
        List<Batch> before = new ArrayList<>();
        for (HeldSink.Delivery d : sink.deliveries) {
            before.add(d.batch());
        }
        channel.stop();
        channel.awaitStopped(10_000);
        deadLetters.close();

        HeldSink again = new HeldSink();
        channel = channel(logs, checkpoints, 1, again);
        channel.start();
        eventually("the unacknowledged batch is delivered again").until(() -> !again.deliveries.isEmpty());
        Batch redelivered = again.deliveries.get(0).batch();
        assertThat(redelivered.firstLine()).isEqualTo(before.get(1).firstLine());
        assertThat(redelivered.lastLine()).isEqualTo(before.get(1).lastLine());
        assertThat(redelivered.endOffset()).isEqualTo(before.get(1).endOffset());
    }

    @Test
    void aCorruptCheckpointStopsTheStartAndNamesItsFile() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        writeReady(logs, "t1", 1, 5);
        CheckpointStore checkpoints = new CheckpointStore(root.resolve("checkpoints"));
        Path bad = checkpoints.pathOf(BidLogFileNames.readyName("t1", 1));
        Files.writeString(bad, "v1 " + BidLogFileNames.readyName("t1", 1) + " 120 1 00000000\n");
        channel = channel(logs, checkpoints, 2);

        assertThatThrownBy(channel::start).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("CRC-32");
        assertThat(sink.deliveries).as("nothing replayed, nothing skipped").isEmpty();
    }

    @Test
    void aCheckpointThatIsNotAtALineBoundaryOfItsFileIsCorrupt() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        writeReady(logs, "t1", 1, 5);
        CheckpointStore checkpoints = new CheckpointStore(root.resolve("checkpoints"));
        checkpoints.write(new Checkpoint(BidLogFileNames.readyName("t1", 1), 7, 1));
        channel = channel(logs, checkpoints, 2);

        assertThatThrownBy(channel::start).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("not at the end of a line");
    }

    @Test
    void shipsEachTasksFilesInWritingOrderAndEachFilesBatchesInLineOrder() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        writeReady(logs, "b", 2, 12);
        writeReady(logs, "a", 10, 12);
        writeReady(logs, "b", 1, 12);
        writeReady(logs, "a", 9, 12);
        channel = channel(logs, new CheckpointStore(root.resolve("checkpoints")), 1);
        channel.start();
        List<String> order = new ArrayList<>();
        for (int i = 0; order.size() < 4 * 2; i++) {
            int next = i;
            eventually("delivery " + i).until(() -> sink.deliveries.size() > next);
            Batch b = sink.deliveries.get(i).batch();
            order.add(b.file().taskId() + "-" + b.file().sequence() + ":" + b.firstLine());
            sink.ack(i);
        }
        assertThat(order).containsExactly("a-9:1", "a-9:10", "a-10:1", "a-10:10", "b-1:1", "b-1:10", "b-2:1",
                "b-2:10");
    }

    @Test
    void aFileRemovedUnderTheShipperNeitherStopsItNorTheFilesBehind() throws Exception {
        Path logs = Files.createDirectories(root.resolve("logs"));
        writeReady(logs, "t1", 1, 30);
        writeReady(logs, "t1", 2, 30);
        writeReady(logs, "t1", 3, 30);
        channel = channel(logs, new CheckpointStore(root.resolve("checkpoints")), 1);
        channel.start();
        eventually("the first batch of file 1").until(() -> sink.deliveries.size() == 1);
        // File 1 is open and being read; file 2 is not opened yet.
        Files.delete(logs.resolve(BidLogFileNames.readyName("t1", 1)));
        Files.delete(logs.resolve(BidLogFileNames.readyName("t1", 2)));
        for (int i = 0; i < 8; i++) {
            int next = i;
            eventually("delivery " + i).until(() -> sink.deliveries.size() > next);
            sink.ack(i);
        }
        eventually("file 3 shipped").until(() -> meters.counter("dsp.shipper.files.done").count() == 2);
        assertThat(sink.deliveries).extracting(d -> d.batch().file().sequence()).containsExactly(1L, 1L, 1L, 1L,
                3L, 3L, 3L, 3L);
        assertThat(meters.counter("dsp.shipper.files.vanished").count()).isEqualTo(1);
        assertThat(channel.failure()).isNull();
    }

    private Channel channel(Path logs, CheckpointStore checkpoints, int inFlight) throws IOException {
        return channel(logs, checkpoints, inFlight, sink);
    }

    private Channel channel(Path logs, CheckpointStore checkpoints, int inFlight, HeldSink to) throws IOException {
        deadLetters = new DeadLetterFile(root.resolve("dead-letters.jsonl"), 1 << 20, meters);
        return new Channel(new LogDirectory(logs), checkpoints, deadLetters, to, LineCheck.fullDecode(),
                new Channel.Settings(2048, 60_000, inFlight, 10, DoneAction.DELETE, root.resolve("done")),
                System::currentTimeMillis, meters);
    }

    static void writeReady(Path logs, String task, long seq, int lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("{\"schema_version\":1,\"type\":\"bid\",\"ts\":").append(T0 + i)
                    .append(",\"request_id\":\"r").append(i).append("\",\"exchange\":null,\"imp_ids\":[\"1\"],")
                    .append("\"outcome\":\"nobid\",\"reason\":\"no_match\",\"bids\":[],\"processing_us\":1,")
                    .append("\"test\":false,\"task_id\":\"").append(task).append("\",\"version\":\"v\"}\n");
        }
        Files.writeString(logs.resolve(BidLogFileNames.readyName(task, seq)), text);
    }

    private static ConditionFactory eventually(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5));
    }
}
