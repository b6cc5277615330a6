package org.fargatedsp.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.shipper.Lines.eventually;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.fargatedsp.bidder.bidlog.BidLogConfig;
import org.fargatedsp.bidder.bidlog.BidLogFiles;
import org.fargatedsp.bidder.bidlog.DropCause;
import org.fargatedsp.bidder.bidlog.FileBidLog;
import org.fargatedsp.bidlog.BidEntry;
import org.fargatedsp.bidlog.BidRecord;
import org.fargatedsp.shipper.sink.fault.Fault;
import org.fargatedsp.shipper.sink.fault.FaultServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bidder's own bid-log writer ({@link FileBidLog}, with its disk budget and drop counters) and the shipper
 * in-process with {@code SINK=s3}, against the fault server's S3.
 */
class BidderWriterTest {
    private static final String TASK = "task-a";
    private static final String BUCKET = "bids";
    private static final Pattern REQUEST = Pattern.compile("\"request_id\":\"req-(\\d+)\"");

    @TempDir
    Path root;

    private final FaultServer server = FaultServer.start().createBucket(BUCKET);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ShipperAssembly shipper;
    private long produced;

    @AfterEach
    void stop() throws IOException {
        if (shipper != null) {
            shipper.close();
        }
        server.close();
    }

    /**
     * S3 refuses every call (503s and connections reset mid-upload, in turn) until the sinks have backed off many
     * times, a dozen refused calls between the two delivery threads (the default backoff, 100 ms doubling: some
     * 3 to 6 s), and until the bidder's disk budget is full and it drops; then S3 recovers.
     */
    @Test
    void anOutageLosesNothingTheBidderWroteAndItsDropCounterAccountsForTheRest() throws Exception {
        Path logs = root.resolve("logs");
        startShipper(logs);
        server.outage(Fault.status(503), Fault.resetMidBody());
        FileBidLog bidLog = startBidLog(logs, 64 * 1024, System::currentTimeMillis);

        eventually("the disk budget full during the outage").atMost(Duration.ofSeconds(60)).until(() -> {
            produce(bidLog, 50);
            return bidLog.dropped(DropCause.DISK_BUDGET) > 0 && server.refused() >= 12;
        });
        long droppedInOutage = bidLog.dropped(DropCause.DISK_BUDGET);
        long writtenInOutage = bidLog.written();
        server.recover();
        eventually("writing again once the shipper freed the disk").atMost(Duration.ofSeconds(60)).until(() -> {
            produce(bidLog, 50);
            return bidLog.written() >= writtenInOutage + 1_000;
        });
        assertThat(bidLog.shutdown()).as("the bidder's last file published").isTrue();
        eventually("every file shipped").atMost(Duration.ofSeconds(60))
                .until(() -> KillHarness.noBidLogFiles(logs));

        List<Long> ids = requestIds(shipped());
        assertThat(ids).as("each record once").doesNotHaveDuplicates();
        assertThat((long) ids.size()).as("every record the bidder wrote").isEqualTo(bidLog.written());
        assertThat(ids).allMatch(id -> id < produced);
        long dropped = 0;
        for (DropCause cause : DropCause.values()) {
            dropped += bidLog.dropped(cause);
        }
        assertThat(bidLog.written() + dropped).as("written + dropped = produced").isEqualTo(produced);
        assertThat(droppedInOutage).isPositive();
        assertThat(meters.get("dsp.shipper.sink.retries").functionCounter().count())
                .isGreaterThanOrEqualTo(12);
    }

    /**
     * Regression: a bidder restarted with the same task id once the shipper had deleted its files numbered them
     * from 1 again, and their objects overwrote the first run's under the same keys. Each run writes a dozen files
     * and the container comes back a minute later (a restart within the second after a run that opened more than
     * ten files a second can still repeat a name: docs/bid-log.md, "Files").
     */
    @Test
    void aBidderRestartedAfterItsFilesWereShippedGivesNoObjectTheKeyOfAnEarlierOne() throws Exception {
        Path logs = root.resolve("logs");
        startShipper(logs);
        long written = 0;
        for (int run = 0; run < 2; run++) {
            long restartedMs = run * 60_000L;
            FileBidLog bidLog = startBidLog(logs, 1L << 20, () -> System.currentTimeMillis() + restartedMs);
            produce(bidLog, 300);
            eventually("run " + run + " written").until(() -> bidLog.written() + bidLog.dropped(DropCause.QUEUE_FULL)
                    == 300);
            assertThat(bidLog.shutdown()).isTrue();
            assertThat(bidLog.dropped(DropCause.QUEUE_FULL)).isZero();
            written += bidLog.written();
            eventually("run " + run + " shipped and deleted").until(() -> KillHarness.noBidLogFiles(logs));
        }
        List<Long> ids = requestIds(shipped());
        assertThat(ids).doesNotHaveDuplicates().hasSize((int) written);
    }

    private void startShipper(Path logs) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("BID_LOG_DIR", logs.toString(), "SHIPPER_STATE_DIR",
                root.resolve("state").toString(), "SINK", "s3", "S3_BUCKET", BUCKET, "S3_OBJECT_MAX_BYTES",
                "16384", "SHIPPER_POLL_INTERVAL_MS", "10"));
        env.putAll(S3Bucket.aws(server.endpoint()));
        shipper = new ShipperAssembly(ShipperConfig.fromEnv(env), env, meters, System::currentTimeMillis);
        shipper.start();
    }

    /** The bidder's bid log as its environment sets it: small files, a disk budget of {@code budget} bytes. */
    private static FileBidLog startBidLog(Path logs, long budget, LongSupplier clockMs) throws IOException {
        List<String> errors = new ArrayList<>();
        BidLogConfig config = BidLogConfig.fromEnv(Map.of("BID_LOG_DIR", logs.toString(), "BID_LOG_MAX_FILE_BYTES",
                "8192", "BID_LOG_MAX_DISK_BYTES", Long.toString(budget), "BID_LOG_MAX_FILE_AGE_MS", "200"), errors);
        assertThat(errors).isEmpty();
        return FileBidLog.start(config, TASK, BidLogFiles.system(), clockMs);
    }

    /** Offers {@code count} more records, as the bidder's event loops would, without waiting. */
    private void produce(FileBidLog bidLog, long count) {
        for (long i = 0; i < count; i++) {
            long n = produced++;
            bidLog.offer(BidRecord.bid(Lines.T0 + n, "req-" + n, "exchange-a", new String[] {"1"},
                    new BidEntry[] {new BidEntry("1", "b-" + n, "seat-7", "c-42", "cr-9", null, 1_250_000, "USD")},
                    850, false, TASK, "1.4.0"));
        }
    }

    /** Every line of every object in the fault server's S3. */
    private List<String> shipped() {
        List<String> lines = new ArrayList<>();
        for (byte[] gz : server.objects().values()) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static List<Long> requestIds(List<String> lines) {
        List<Long> ids = new ArrayList<>();
        for (String line : lines) {
            Matcher m = REQUEST.matcher(line);
            assertThat(m.find()).as("a bid line: %s", line).isTrue();
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }
}
