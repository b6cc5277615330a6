package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.TASK;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.active;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.ready;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.config;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.eventually;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.fileNames;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.givenBid;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.givenNoBid;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.lineBytes;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.readReady;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.bidlog.BidLogRecord;
import org.fargatedsp.bidder.bidlog.BidLogTesting.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBidLogTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    @Test
    void writesEveryOfferedRecordExactlyOnceAcrossRotatedFiles() throws Exception {
        int producers = 4;
        int perProducer = 5_000;
        long maxFileBytes = 64 * 1024;
        FileBidLog log = FileBidLog.start(config(dir, 1 << 15, maxFileBytes, 1L << 30), TASK,
                BidLogFiles.system(), clock);
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> offered = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int base = p * perProducer;
                offered.add(pool.submit(() -> {
                    start.await();
                    int accepted = 0;
                    for (int i = 0; i < perProducer; i++) {
                        BidLogRecord r = (i % 3 == 0) ? givenBid(base + i) : givenNoBid(base + i);
                        while (!log.offer(r)) {
                            Thread.onSpinWait();
                        }
                        accepted++;
                    }
                    return accepted;
                }));
            }
            start.countDown();
            for (Future<Integer> f : offered) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(perProducer);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(log.shutdown()).isTrue();

        List<BidLogRecord> read = readReady(dir);
        Set<String> ids = new HashSet<>();
        for (BidLogRecord r : read) {
            assertThat(ids.add(r.requestId())).as("duplicate %s", r.requestId()).isTrue();
        }
        assertThat(ids).hasSize(producers * perProducer);
        assertThat(log.written()).isEqualTo(producers * perProducer);
        assertThat(fileNames(dir)).allMatch(BidLogFileNames::isReady).hasSizeGreaterThan(10);
        for (Path p : BidLogFileNames.listReady(dir)) {
            assertThat(Files.size(p)).isLessThanOrEqualTo(maxFileBytes);
        }
    }

    @Test
    void rotatesBySizeBeforeALineWouldCrossTheLimit() throws Exception {
        int line = lineBytes(givenNoBid(1));
        FileBidLog log = FileBidLog.start(config(dir, 1024, 3L * line, 1L << 30), TASK, BidLogFiles.system(), clock);
        for (int i = 1; i <= 7; i++) {
            log.offer(givenNoBid(i));
        }
        log.close();

        List<Path> ready = BidLogFileNames.listReady(dir);
        assertThat(ready).extracting(p -> p.getFileName().toString()).containsExactly(
                ready(1), ready(2), ready(3));
        assertThat(ready).extracting(Files::size).containsExactly(3L * line, 3L * line, (long) line);
    }

    @Test
    void rotatesTheActiveFileWhenItReachesMaxAge() throws Exception {
        FileBidLog log = FileBidLog.start(config(dir, 1024, 1L << 20, 1L << 30), TASK, BidLogFiles.system(), clock);
        log.offer(givenNoBid(1));
        eventually("the first record is written").until(() -> log.written() == 1);

        assertThat(fileNames(dir)).containsExactly(active(1));

        clock.advance(60_000);
        eventually("the aged file is published").until(() -> dirHas(ready(1)));
        assertThat(readReady(dir)).containsExactly(givenNoBid(1));

        log.offer(givenNoBid(2));
        eventually("the second record is written").until(() -> log.written() == 2);
        assertThat(fileNames(dir)).containsExactly(ready(1),
                active(2));
        log.close();
        assertThat(readReady(dir)).containsExactly(givenNoBid(1), givenNoBid(2));
    }

    @Test
    void offerFromAnEventLoopNeverWaitsForAStalledDiskAndCountsWhatItDrops() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        files.stall();
        FileBidLog log = FileBidLog.start(config(dir, 16, 1L << 20, 1L << 30), TASK, files, clock);
        log.offer(givenNoBid(0));
        assertThat(files.awaitStalled()).isTrue();

        EventLoop loop = new DefaultEventLoop();
        int accepted;
        try {
            accepted = loop.submit(() -> {
                int ok = 0;
                for (int i = 1; i <= 1_000; i++) {
                    if (log.offer(givenNoBid(i))) {
                        ok++;
                    }
                }
                return ok;
            }).get(30, TimeUnit.SECONDS);
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }

        assertThat(accepted).isEqualTo(16);
        assertThat(log.dropped(DropCause.QUEUE_FULL)).isEqualTo(1_000 - 16);
        assertThat(log.queueDepth()).isEqualTo(16);

        files.release();
        assertThat(log.shutdown()).isTrue();
        assertThat(readReady(dir)).hasSize(1 + 16);
    }

    @Test
    void aRotatedFileStuckInFsyncDoesNotStopTheWriterAndIsPublishedInOrderOnceTheDiskCatchesUp() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        files.stallForce();
        int line = lineBytes(givenNoBid(100));
        // Room for three lines a file: 60 records rotate about twenty files while the first one is in fsync.
        FileBidLog log = FileBidLog.start(config(dir, 16, 3L * line, 1L << 30), TASK, files, clock);
        int records = 60;
        for (int i = 0; i < records; i++) {
            BidLogRecord r = givenNoBid(100 + i);
            assertThat(log.offer(r)).isTrue();
            long expected = i + 1;
            eventually("record " + expected + " written while an fsync is stuck")
                    .until(() -> log.written() == expected);
        }
        assertThat(files.awaitForceStalled()).isTrue();
        assertThat(log.dropped(DropCause.QUEUE_FULL)).isZero();
        assertThat(log.filesPublishing()).isGreaterThan(1);
        assertThat(fileNames(dir)).noneMatch(BidLogFileNames::isReady);

        files.releaseForce();
        eventually("every rotated file published").until(() -> log.filesPublishing() == 0);
        assertThat(fileNames(dir)).filteredOn(BidLogFileNames::isReady).hasSizeGreaterThanOrEqualTo(records / 3 - 1);
        assertThat(log.shutdown()).isTrue();

        List<BidLogRecord> expected = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            expected.add(givenNoBid(100 + i));
        }
        assertThat(readReady(dir)).containsExactlyElementsOf(expected);
        assertThat(fileNames(dir)).allMatch(BidLogFileNames::isReady);
    }

    @Test
    void aStuckFsyncHoldsAtMostMaxPendingFilesOpenAndTheQueueDropsAndCountsTheRest() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        files.stallForce();
        int line = lineBytes(givenNoBid(100));
        // One line a file: every record rotates one, and each rotated file waits for the stuck fsync.
        FileBidLog log = FileBidLog.start(config(dir, 16, line, 1L << 30), TASK, files, clock);
        int offered = 0;
        while (log.filesPublishing() < FilePublisher.MAX_PENDING) {
            log.offer(givenNoBid(100 + offered++));
            long expected = offered;
            eventually("record " + expected + " written").until(() -> log.written() == expected);
        }
        for (int i = 0; i < 100; i++) {
            log.offer(givenNoBid(1000 + offered++));
        }

        assertThat(log.dropped(DropCause.QUEUE_FULL)).as("the writer waits for room, the queue fills").isPositive();
        assertThat(log.filesPublishing()).isEqualTo(FilePublisher.MAX_PENDING);

        files.releaseForce();
        assertThat(log.shutdown()).isTrue();
        long written = log.written();
        assertThat(written + log.dropped(DropCause.QUEUE_FULL)).isEqualTo(offered);
        assertThat(readReady(dir)).hasSize((int) written);
        assertThat(fileNames(dir)).allMatch(BidLogFileNames::isReady);
    }

    @Test
    void closeWaitsForTheLastFileToBePublishedAndGivesUpAfterItsTimeoutWhenFsyncIsStuck() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        files.stallForce();
        BidLogConfig c = new BidLogConfig(true, dir, 64, 1L << 30, 1L << 20, 60_000, 1L << 30, 1);
        FileBidLog log = FileBidLog.start(c, TASK, files, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(log.offer(givenNoBid(i))).isTrue();
        }
        eventually("ten records written").until(() -> log.written() == 10);

        assertThat(log.shutdown()).isFalse();
        assertThat(files.awaitForceStalled()).isTrue();
        assertThat(fileNames(dir)).noneMatch(BidLogFileNames::isReady);

        files.releaseForce();
        assertThat(log.awaitWriterExit(30, TimeUnit.SECONDS)).isTrue();
        assertThat(readReady(dir)).hasSize(10);
        assertThat(fileNames(dir)).allMatch(BidLogFileNames::isReady);
    }

    @Test
    void keepsTheDirectoryWithinTheDiskBudgetAndWritesAgainOnceTheShipperFreesSpace() throws Exception {
        int line = lineBytes(givenNoBid(10));
        long budget = 10L * line;
        ControlledFiles files = new ControlledFiles(dir);
        FileBidLog log = FileBidLog.start(config(dir, 1024, 3L * line, budget), TASK, files, clock);
        for (int i = 10; i < 40; i++) {
            log.offer(givenNoBid(i));
        }
        eventually("all 30 are handled").until(() -> log.written() + log.dropped(DropCause.DISK_BUDGET) == 30);

        assertThat(log.written()).isEqualTo(10);
        assertThat(log.dropped(DropCause.DISK_BUDGET)).isEqualTo(20);
        assertThat(log.overBudget()).isTrue();
        assertThat(files.maxDirBytes()).isLessThanOrEqualTo(budget);
        assertThat(log.diskBytes()).isEqualTo(budget);

        // The shipper sees a rotated file once the publisher has forced it and given it its ready name.
        eventually("the rotated files are published").until(() -> log.filesPublishing() == 0);
        for (Path shipped : BidLogFileNames.listReady(dir)) {
            Files.delete(shipped);
        }
        clock.advance(BidLogWriter.DISK_RESCAN_MS);
        for (int i = 40; i < 45; i++) {
            log.offer(givenNoBid(i));
        }
        eventually("writing resumes after the rescan").until(() -> log.written() == 15);

        assertThat(log.overBudget()).isFalse();
        assertThat(files.maxDirBytes()).isLessThanOrEqualTo(budget);
        assertThat(log.shutdown()).isTrue();
    }

    @Test
    void dropsAndCountsWhatAFailingDiskLosesAndLeavesNoHalfLineBehind() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        FileBidLog log = FileBidLog.start(config(dir, 1024, 1L << 20, 1L << 30), TASK, files, clock);
        log.offer(givenBid(1));
        eventually("the first record is written").until(() -> log.written() == 1);

        files.failNextWrites(1);
        log.offer(givenBid(2));
        eventually("the failed write is counted").until(() -> log.dropped(DropCause.IO_ERROR) == 1);

        log.offer(givenBid(3));
        eventually("records in the back-off second are dropped").until(() -> log.dropped(DropCause.IO_ERROR) == 2);

        clock.advance(BidLogWriter.DISK_RESCAN_MS);
        log.offer(givenBid(4));
        eventually("writing resumes after the back-off").until(() -> log.written() == 2);
        assertThat(log.shutdown()).isTrue();

        assertThat(readReady(dir)).containsExactly(givenBid(1), givenBid(4));
        assertThat(fileNames(dir)).containsExactly(ready(1), ready(2));
    }

    @Test
    void closeDrainsEverythingQueuedAndLeavesOnlyReadyFiles() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        files.stall();
        FileBidLog log = FileBidLog.start(config(dir, 256, 1L << 20, 1L << 30), TASK, files, clock);
        for (int i = 0; i < 200; i++) {
            assertThat(log.offer(givenNoBid(i))).isTrue();
        }
        assertThat(files.awaitStalled()).isTrue();

        files.release();
        assertThat(log.shutdown()).isTrue();

        assertThat(readReady(dir)).hasSize(200);
        assertThat(fileNames(dir)).allMatch(BidLogFileNames::isReady);
        assertThat(log.offer(givenNoBid(999))).isFalse();
        assertThat(log.dropped(DropCause.CLOSED)).isEqualTo(1);
        assertThat(log.dropped(DropCause.QUEUE_FULL)).isZero();
    }

    @Test
    void closeGivesUpAfterItsTimeoutWhenTheDiskIsStuckAndTheWriterFinishesLater() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        files.stall();
        BidLogConfig c = new BidLogConfig(true, dir, 64, 1L << 30, 1L << 20, 60_000, 1L << 30, 1);
        FileBidLog log = FileBidLog.start(c, TASK, files, clock);
        for (int i = 0; i < 10; i++) {
            log.offer(givenNoBid(i));
        }
        assertThat(files.awaitStalled()).isTrue();

        assertThat(log.shutdown()).isFalse();

        files.release();
        assertThat(log.awaitWriterExit(30, TimeUnit.SECONDS)).isTrue();
        assertThat(readReady(dir)).hasSize(10);
    }

    @Test
    void publishesAFileLeftActiveByAnEarlierRunWithoutItsPartialLine() throws Exception {
        String full = new String(encodeLines(givenNoBid(1), givenNoBid(2)), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(active(7)), full + "{\"schema_version\":1,\"ty");
        Files.writeString(dir.resolve(active(8)), "{\"half");

        FileBidLog log = FileBidLog.start(config(dir, 64, 1L << 20, 1L << 30), TASK, BidLogFiles.system(), clock);
        log.offer(givenNoBid(3));
        log.close();

        assertThat(fileNames(dir)).containsExactly(ready(7), ready(9));
        assertThat(readReady(dir)).containsExactly(givenNoBid(1), givenNoBid(2), givenNoBid(3));
    }

    @Test
    void disabledLogAcceptsNothingAndWritesNothing() throws IOException {
        assertThat(BidLog.disabled().offer(givenNoBid(1))).isFalse();
        assertThat(fileNames(dir)).isEmpty();
    }

    private boolean dirHas(String name) {
        return Files.exists(dir.resolve(name));
    }

    private static byte[] encodeLines(BidLogRecord... records) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (org.fargatedsp.bidlog.BidLogEncoder encoder = new org.fargatedsp.bidlog.BidLogEncoder(out)) {
            for (BidLogRecord r : records) {
                encoder.write(r);
            }
        }
        return out.toByteArray();
    }
}
