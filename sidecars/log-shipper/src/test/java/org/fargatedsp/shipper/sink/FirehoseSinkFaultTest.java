package org.fargatedsp.shipper.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.fargatedsp.shipper.sink.fault.Fault;
import org.fargatedsp.shipper.sink.fault.FaultServer;
import org.fargatedsp.shipper.sink.fault.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/** The Firehose sink against the fault server: packing within the limits, and every fault ridden out. */
class FirehoseSinkFaultTest {
    private static final String STREAM = "bid-logs";
    // Small limits, so that a test batch spans many records and calls; the real ones are checked in Settings.
    private static final int RECORD_BYTES = 16 * 1024;
    private static final int CALL_RECORDS = 10;
    private static final int CALL_BYTES = 100 * 1024;

    private final FaultServer server = FaultServer.start().createStream(STREAM);
    private final FirehoseClient client = AwsClients.firehose(TestAws.settings(server.endpoint()));
    private final RecordingPause pause = new RecordingPause();
    private final FirehoseSink sink = sink(STREAM);

    @AfterEach
    void close() {
        sink.close();
        client.close();
        server.close();
    }

    @Test
    void packsWholeLinesIntoRecordsAndRecordsIntoCallsWithinTheLimits() throws Exception {
        HourPart ten = BidLines.part(BidLines.HOUR, 2_000, 1);
        HourPart eleven = BidLines.part(BidLines.HOUR + 1, 700, 2);
        Batch batch = BidLines.batch(1, 1, ten, eleven);

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        List<byte[]> records = server.firehoseRecords();
        assertThat(BidLines.concat(records)).isEqualTo(BidLines.concat(List.of(BidLines.bytesOf(ten),
                BidLines.bytesOf(eleven))));
        for (byte[] record : records) {
            assertThat(record.length).isLessThanOrEqualTo(RECORD_BYTES);
            assertThat(record[record.length - 1]).as("a record ends at a line's end").isEqualTo((byte) '\n');
        }
        // Packed: each record but a part's last is within one line (< 400 bytes) of the limit.
        assertThat(records.size()).isLessThanOrEqualTo((int) (batch.bytes() / (RECORD_BYTES - 400)) + 2);
        for (List<byte[]> call : server.firehoseCalls()) {
            assertThat(call.size()).isLessThanOrEqualTo(CALL_RECORDS);
            assertThat(BidLines.concat(call).length).isLessThanOrEqualTo(CALL_BYTES);
        }
        assertThat(sink.counters().calls()).isEqualTo(server.requests(Operation.PUT_RECORD_BATCH));
        assertThat(sink.counters().objects()).isEqualTo(records.size());
        assertThat(sink.counters().sentBytes()).isEqualTo(batch.bytes());
        assertThat(sink.counters().records()).isEqualTo(2_700);
        assertThat(sink.counters().retries()).isZero();
    }

    @Test
    void retriesOnlyTheEntriesThatCameBackWithAnErrorCode() throws Exception {
        Batch batch = BidLines.batch(1, 1, BidLines.part(BidLines.HOUR, 1_500, 3));
        server.inject(Operation.PUT_RECORD_BATCH, Fault.partialFailure(), 2);

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        List<List<byte[]>> calls = server.firehoseCalls();
        List<byte[]> failedFirst = everyOther(calls.get(0));
        assertThat(calls.get(1)).as("the second call holds the first's failed entries, then fresh ones")
                .startsWith(failedFirst.toArray(new byte[0][]));
        List<byte[]> failedSecond = everyOther(calls.get(1));
        assertThat(calls.get(2)).startsWith(failedSecond.toArray(new byte[0][]));
        // Every line exactly once: a failed entry was not taken, so its retry is no duplicate.
        assertThat(BidLines.split(BidLines.concat(server.firehoseRecords())))
                .containsExactlyInAnyOrderElementsOf(BidLines.split(BidLines.bytesOf(batch.parts().get(0))));
        assertThat(sink.counters().failedEntries()).isEqualTo(failedFirst.size() + failedSecond.size());
        assertThat(sink.counters().objects()).isEqualTo(server.firehoseRecords().size());
        assertThat(pause.delays()).hasSize(2);
    }

    @Test
    void throttlingAndServerErrorsSlowTheSinkDownButNeverDropARecord() throws Exception {
        server.inject(Operation.PUT_RECORD_BATCH, Fault.throttle(), 4)
                .inject(Operation.PUT_RECORD_BATCH, Fault.status(503), 2)
                .inject(Operation.PUT_RECORD_BATCH, Fault.status(500), 1);
        Batch batch = BidLines.batch(1, 1, BidLines.part(BidLines.HOUR, 800, 4));

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        assertThat(BidLines.concat(server.firehoseRecords())).isEqualTo(BidLines.bytesOf(batch.parts().get(0)));
        assertThat(sink.counters().retries()).isEqualTo(7);
        assertThat(sink.counters().throttled()).isEqualTo(6);
        List<Long> delays = pause.delays();
        assertThat(delays).hasSize(7);
        for (int k = 1; k <= delays.size(); k++) {
            long cap = Math.min(TestAws.BACKOFF_BASE.toNanos() << (k - 1), TestAws.BACKOFF_MAX.toNanos());
            assertThat(delays.get(k - 1)).as("wait %d", k).isBetween(cap / 2, cap);
        }
    }

    @Test
    void aResetMidCallIsSentAgainWhole() throws Exception {
        server.inject(Operation.PUT_RECORD_BATCH, Fault.resetMidBody(), 2);
        Batch batch = BidLines.batch(1, 1, BidLines.part(BidLines.HOUR, 300, 5));

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        assertThat(BidLines.concat(server.firehoseRecords())).isEqualTo(BidLines.bytesOf(batch.parts().get(0)));
        assertThat(sink.counters().retries()).isEqualTo(2);
    }

    @Test
    void aSlowAnswerPastTheTimeoutDuplicatesAtMostThatOneCall() throws Exception {
        server.inject(Operation.PUT_RECORD_BATCH, Fault.slow(TestAws.ATTEMPT_TIMEOUT.multipliedBy(3)), 1);
        Batch batch = BidLines.batch(1, 1, BidLines.part(BidLines.HOUR, 1_000, 6));

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        List<String> sent = BidLines.split(BidLines.bytesOf(batch.parts().get(0)));
        List<String> received = BidLines.split(BidLines.concat(server.firehoseRecords()));
        assertThat(received).containsAll(sent);
        int firstCallLines = BidLines.split(BidLines.concat(server.firehoseCalls().get(0))).size();
        assertThat(received.size() - sent.size()).isPositive().isLessThanOrEqualTo(firstCallLines);
    }

    @Test
    void aStreamThatDoesNotExistFailsTheDeliveryWithTheReason() {
        try (FirehoseSink missing = sink("no-such-stream")) {
            CompletableFuture<Void> delivery = missing.deliver(BidLines.batch(1, 1,
                    BidLines.part(BidLines.HOUR, 10, 7)));

            assertThatThrownBy(() -> delivery.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(SinkException.class)
                    .hasMessageContaining("PutRecordBatch to no-such-stream")
                    .hasMessageContaining("ResourceNotFoundException (HTTP 400)");
        }
    }

    @Test
    void closingCompletesABatchStillRetryingWithSinkClosed() {
        server.inject(Operation.PUT_RECORD_BATCH, Fault.throttle(), Integer.MAX_VALUE);
        FirehoseSink sleeping = new FirehoseSink(client, settings(STREAM), Backoff.SLEEP, new SplittableRandom(1));
        CompletableFuture<Void> delivery = sleeping.deliver(BidLines.batch(1, 1, BidLines.part(BidLines.HOUR, 10, 8)));
        await().atMost(Duration.ofSeconds(20)).until(() -> sleeping.counters().throttled() >= 3);

        sleeping.close();

        assertThatThrownBy(() -> delivery.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(SinkClosedException.class);
        assertThat(server.firehoseRecords()).isEmpty();
    }

    @Test
    void settingsRefuseLimitsBeyondFirehoses() {
        assertThatThrownBy(() -> new FirehoseSink.Settings(STREAM, FirehoseSink.Settings.MAX_RECORD_BYTES + 1,
                FirehoseSink.Settings.MAX_CALL_BYTES, 500, 1, TestAws.BACKOFF_BASE, TestAws.BACKOFF_MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024000 bytes");
        assertThatThrownBy(() -> new FirehoseSink.Settings(STREAM, 1000, 4096, 501, 1, TestAws.BACKOFF_BASE,
                TestAws.BACKOFF_MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FirehoseSink.Settings.of(STREAM).maxCallRecords()).isEqualTo(500);
    }

    private static List<byte[]> everyOther(List<byte[]> call) {
        List<byte[]> failed = new ArrayList<>();
        for (int i = 1; i < call.size(); i += 2) {
            failed.add(call.get(i));
        }
        return failed;
    }

    private FirehoseSink sink(String stream) {
        return new FirehoseSink(client, settings(stream), pause, new SplittableRandom(42));
    }

    private static FirehoseSink.Settings settings(String stream) {
        return new FirehoseSink.Settings(stream, RECORD_BYTES, CALL_BYTES, CALL_RECORDS, 2, TestAws.BACKOFF_BASE,
                TestAws.BACKOFF_MAX);
    }
}
