package org.fargatedsp.shipper.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.fargatedsp.shipper.sink.fault.Fault;
import org.fargatedsp.shipper.sink.fault.FaultServer;
import org.fargatedsp.shipper.sink.fault.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 sink against the fault server: what it stores, and how it rides out each fault. */
class S3SinkFaultTest {
    private static final String BUCKET = "bid-logs";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final FaultServer server = FaultServer.start().createBucket(BUCKET);
    private final S3Client s3 = AwsClients.s3(TestAws.settings(server.endpoint()));
    private final RecordingPause pause = new RecordingPause();
    private final S3Sink sink = sink(BUCKET);

    @AfterEach
    void close() {
        sink.close();
        s3.close();
        server.close();
    }

    @Test
    void storesOneGzipObjectPerHourPartAtItsLayoutKey() throws Exception {
        HourPart ten = BidLines.part(BidLines.HOUR, 2_000, 1);
        HourPart eleven = BidLines.part(BidLines.HOUR + 1, 500, 2);
        Batch batch = BidLines.batch(7, 1, ten, eleven);

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        Map<String, byte[]> objects = server.objects();
        assertThat(objects).containsOnlyKeys(
                BUCKET + "/logs/year=2026/month=12/day=01/hour=10/bids-task-0f3c9a71b2d84e5f-0000000007-0000000001"
                        + "-0000002500.jsonl.gz",
                BUCKET + "/logs/year=2026/month=12/day=01/hour=11/bids-task-0f3c9a71b2d84e5f-0000000007-0000000001"
                        + "-0000002500.jsonl.gz");
        ObjectLayout layout = new ObjectLayout("logs");
        assertThat(BidLines.gunzip(objects.get(BUCKET + "/" + layout.key(batch, ten)))).isEqualTo(BidLines.bytesOf(ten));
        assertThat(BidLines.gunzip(objects.get(BUCKET + "/" + layout.key(batch, eleven))))
                .isEqualTo(BidLines.bytesOf(eleven));
        assertThat(sink.counters().records()).isEqualTo(2_500);
        assertThat(sink.counters().bytes()).isEqualTo(batch.bytes());
        assertThat(sink.counters().objects()).isEqualTo(2);
        assertThat(sink.counters().calls()).isEqualTo(2);
        assertThat(sink.counters().sentBytes()).isLessThan(batch.bytes() / 4);
    }

    @Test
    void aBatchDeliveredAgainOverwritesItsObjectsWithTheSameBytes() throws Exception {
        Batch batch = BidLines.batch(3, 101, BidLines.part(BidLines.HOUR, 1_000, 3));
        sink.deliver(batch).get(20, TimeUnit.SECONDS);
        Map<String, byte[]> first = server.objects();

        try (S3Sink restarted = sink(BUCKET)) {
            restarted.deliver(batch).get(20, TimeUnit.SECONDS);
        }

        Map<String, byte[]> second = server.objects();
        assertThat(second).hasSize(1).containsOnlyKeys(first.keySet());
        assertThat(second.values().iterator().next()).isEqualTo(first.values().iterator().next());
    }

    @Test
    void retriesServerErrorsAndSlowDownUntilTheObjectIsStoredBackingOffLongerEachTime() throws Exception {
        server.inject(Operation.PUT_OBJECT, Fault.status(500), 2).inject(Operation.PUT_OBJECT, Fault.status(503), 1)
                .inject(Operation.PUT_OBJECT, Fault.throttle(), 3);
        HourPart part = BidLines.part(BidLines.HOUR, 300, 4);

        sink.deliver(BidLines.batch(1, 1, part)).get(20, TimeUnit.SECONDS);

        assertThat(server.requests(Operation.PUT_OBJECT)).isEqualTo(7);
        assertThat(BidLines.gunzip(server.objects().values().iterator().next())).isEqualTo(BidLines.bytesOf(part));
        assertThat(sink.counters().retries()).isEqualTo(6);
        assertThat(sink.counters().throttled()).isEqualTo(4);
        List<Long> delays = pause.delays();
        assertThat(delays).hasSize(6);
        // Equal jitter: the k-th wait in a row is at least half of base * 2^(k-1), at most all of it.
        for (int k = 1; k <= delays.size(); k++) {
            long cap = TestAws.BACKOFF_BASE.toNanos() << (k - 1);
            assertThat(delays.get(k - 1)).isBetween(cap / 2, cap);
        }
    }

    @Test
    void aResetMidPutIsRetriedWithTheSameKeyAndBytes() throws Exception {
        HourPart part = BidLines.part(BidLines.HOUR, 1_000, 5);
        Batch batch = BidLines.batch(2, 1, part);
        server.inject(Operation.PUT_OBJECT, Fault.resetMidBody(), 2);

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        assertThat(server.requests(Operation.PUT_OBJECT)).isEqualTo(3);
        assertThat(server.objects()).containsOnlyKeys(BUCKET + "/" + new ObjectLayout("logs").key(batch, part));
        assertThat(server.objects().values().iterator().next()).isEqualTo(storedWithoutFaults(batch));
        assertThat(sink.counters().retries()).isEqualTo(2);
    }

    @Test
    void aLargeObjectGoesUpInPartsAndSurvivesAResetMidPartAndAFailedCompletion() throws Exception {
        // 9 MiB of lines gzip can hardly shrink: two parts of at most 5 MiB.
        HourPart part = BidLines.incompressible(BidLines.HOUR, 9 * 1024, 1024, 6);
        Batch batch = BidLines.batch(4, 1, part);
        server.inject(Operation.UPLOAD_PART, Fault.resetMidBody(), 1)
                .inject(Operation.COMPLETE_MULTIPART_UPLOAD, Fault.status(503), 1);

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        assertThat(server.requests(Operation.CREATE_MULTIPART_UPLOAD)).isEqualTo(1);
        assertThat(server.requests(Operation.UPLOAD_PART)).isEqualTo(3);
        assertThat(server.requests(Operation.COMPLETE_MULTIPART_UPLOAD)).isEqualTo(2);
        assertThat(server.requests(Operation.PUT_OBJECT)).isZero();
        assertThat(server.openUploads()).isEmpty();
        byte[] stored = server.objects().values().iterator().next();
        assertThat(BidLines.gunzip(stored)).isEqualTo(BidLines.bytesOf(part));
        assertThat(stored).isEqualTo(storedWithoutFaults(batch));
    }

    @Test
    void aMultipartUploadThatFailsForGoodIsAbortedNotLeftBehind() {
        HourPart part = BidLines.incompressible(BidLines.HOUR, 9 * 1024, 1024, 7);
        server.inject(Operation.UPLOAD_PART, Fault.error(403, "AccessDenied"), 1);

        CompletableFuture<Void> delivery = sink.deliver(BidLines.batch(5, 1, part));

        assertThatThrownBy(() -> delivery.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SinkException.class).hasMessageContaining("UploadPart 1 of s3://" + BUCKET)
                .hasMessageContaining("AccessDenied (HTTP 403)");
        assertThat(server.requests(Operation.ABORT_MULTIPART_UPLOAD)).isEqualTo(1);
        assertThat(server.openUploads()).isEmpty();
        assertThat(server.objects()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"missing-bucket, NoSuchBucket (HTTP 404)", "denied-bucket, AccessDenied (HTTP 403)"})
    void aBucketThatCannotBeWrittenFailsTheDeliveryWithTheReason(String bucket, String reason) {
        server.deny("denied-bucket");
        try (S3Sink other = sink(bucket)) {
            CompletableFuture<Void> delivery = other.deliver(BidLines.batch(1, 1, BidLines.part(BidLines.HOUR, 10, 8)));

            assertThatThrownBy(() -> delivery.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(SinkException.class)
                    .hasMessageContaining("PutObject s3://" + bucket + "/logs/year=2026").hasMessageContaining(reason);
            assertThat(other.counters().retries()).isZero();
        }
    }

    @Test
    void aSlowAnswerPastTheAttemptTimeoutIsTriedAgain() throws Exception {
        server.inject(Operation.PUT_OBJECT, Fault.slow(TestAws.ATTEMPT_TIMEOUT.multipliedBy(3)), 1);
        Batch batch = BidLines.batch(9, 1, BidLines.part(BidLines.HOUR, 100, 9));

        sink.deliver(batch).get(20, TimeUnit.SECONDS);

        assertThat(server.requests(Operation.PUT_OBJECT)).isEqualTo(2);
        assertThat(sink.counters().retries()).isEqualTo(1);
        assertThat(server.objects().values().iterator().next()).isEqualTo(storedWithoutFaults(batch));
    }

    @Test
    void closingCompletesABatchStillRetryingWithSinkClosed() {
        server.inject(Operation.PUT_OBJECT, Fault.status(503), Integer.MAX_VALUE);
        S3Sink sleeping = new S3Sink(s3, settings(BUCKET), Backoff.SLEEP, new SplittableRandom(1));
        CompletableFuture<Void> delivery = sleeping.deliver(BidLines.batch(1, 1, BidLines.part(BidLines.HOUR, 10, 10)));
        await().atMost(TIMEOUT).until(() -> sleeping.counters().retries() >= 3);

        sleeping.close();

        assertThatThrownBy(() -> delivery.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(SinkClosedException.class);
        assertThat(sleeping.deliver(BidLines.batch(2, 1, BidLines.part(BidLines.HOUR, 10, 11))))
                .isCompletedExceptionally();
    }

    private byte[] storedWithoutFaults(Batch batch) throws Exception {
        try (FaultServer clean = FaultServer.start().createBucket(BUCKET);
                S3Client client = AwsClients.s3(TestAws.settings(clean.endpoint()));
                S3Sink other = new S3Sink(client, settings(BUCKET))) {
            other.deliver(batch).get(20, TimeUnit.SECONDS);
            return clean.objects().values().iterator().next();
        }
    }

    private S3Sink sink(String bucket) {
        return new S3Sink(s3, settings(bucket), pause, new SplittableRandom(42));
    }

    private static S3Sink.Settings settings(String bucket) {
        return new S3Sink.Settings(bucket, "logs", S3Sink.Settings.MIN_PART_BYTES, 2, 1, TestAws.BACKOFF_BASE,
                TestAws.BACKOFF_MAX);
    }
}
