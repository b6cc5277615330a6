package org.fargatedsp.shipper.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.shipper.channel.Batch;
import org.fargatedsp.shipper.channel.HourPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory sink: the S3 layout and bytes on a local disk, and the shared retry loop when the disk fails. */
class DirectorySinkTest {
    @TempDir
    Path root;

    private final RecordingPause pause = new RecordingPause();

    @Test
    void writesTheSameGzipBytesAsTheS3SinkAtTheSameKeys() throws Exception {
        // Incompressible lines of more than the sink's 1 MiB write pieces: the object is written in several.
        HourPart big = BidLines.incompressible(BidLines.HOUR, 3_000, 1_000, 3);
        HourPart small = BidLines.part(BidLines.HOUR + 1, 500, 4);
        Batch batch = BidLines.batch(7, 1, big, small);
        ObjectLayout layout = new ObjectLayout("logs");

        try (DirectorySink sink = new DirectorySink(root, layout, 2, pause, new SplittableRandom(1))) {
            sink.deliver(batch).get(20, TimeUnit.SECONDS);

            for (HourPart part : batch.parts()) {
                byte[] object = Files.readAllBytes(root.resolve(layout.key(batch, part)));
                assertThat(BidLines.gunzip(object)).isEqualTo(BidLines.bytesOf(part));
                GzipParts gzip = new GzipParts(S3Sink.Settings.DEFAULT_GZIP_LEVEL, Integer.MAX_VALUE);
                gzip.compress(part.lines(), part.length(), (b, n) -> { });
                assertThat(object).as("what S3Sink would store").isEqualTo(
                        java.util.Arrays.copyOf(gzip.buffer(), gzip.length()));
                gzip.end();
            }
            assertThat(sink.counters().records()).isEqualTo(3_500);
            assertThat(sink.counters().objects()).isEqualTo(2);
            assertThat(sink.counters().retries()).isZero();
        }
    }

    @Test
    void retriesAWriteThatFailsUntilTheDiskTakesItAndCountsEachRetry() throws Exception {
        HourPart part = BidLines.part(BidLines.HOUR, 100, 5);
        Batch batch = BidLines.batch(8, 1, part);
        ObjectLayout layout = new ObjectLayout("logs");
        // A file where the hour's directory must go: every write fails until it is removed.
        Path blocker = root.resolve("logs/year=2026/month=12/day=01/hour=10");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "in the way");

        try (DirectorySink sink = new DirectorySink(root, layout, 1, pause, new SplittableRandom(1))) {
            CompletableFuture<Void> delivered = sink.deliver(batch);
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.counters().retries() >= 3);
            assertThat(delivered).isNotDone();

            Files.delete(blocker);

            delivered.get(20, TimeUnit.SECONDS);
            assertThat(BidLines.gunzip(Files.readAllBytes(root.resolve(layout.key(batch, part)))))
                    .isEqualTo(BidLines.bytesOf(part));
            assertThat(sink.counters().calls()).isEqualTo(sink.counters().retries() + 1);
            assertThat(pause.delays()).hasSize((int) sink.counters().retries())
                    .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(50).toNanos(),
                            Duration.ofSeconds(30).toNanos()));
        }
    }
}
