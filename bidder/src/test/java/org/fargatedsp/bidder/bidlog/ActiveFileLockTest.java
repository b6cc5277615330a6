package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.TASK;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.active;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.ready;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.config;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.eventually;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.fileNames;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.givenNoBid;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.readReady;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.bidder.bidlog.BidLogTesting.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock the writer holds on its active file, which tells the log shipper the writer is alive (docs/bid-log.md). */
class ActiveFileLockTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    @Test
    void theWriterHoldsTheActiveFilesLockUntilItIsRenamedToItsReadyName() throws Exception {
        FileBidLog log = FileBidLog.start(config(dir, 64, 1L << 20, 1L << 30), TASK, BidLogFiles.system(), clock);
        log.offer(givenNoBid(1));
        Path active = dir.resolve(active(1));
        eventually("the active file holds the record").until(() -> Files.exists(active) && Files.size(active) > 0);

        try (FileChannel probe = FileChannel.open(active, StandardOpenOption.READ)) {
            // Within one JVM a second lock on a locked file is refused this way; another process gets null.
            assertThatThrownBy(() -> probe.tryLock(0, Long.MAX_VALUE, true))
                    .isInstanceOf(OverlappingFileLockException.class);
        }
        log.close();

        assertThat(fileNames(dir)).containsExactly(ready(1));
        try (FileChannel ready = FileChannel.open(dir.resolve(ready(1)),
                StandardOpenOption.READ)) {
            FileLock lock = ready.tryLock(0, Long.MAX_VALUE, true);
            assertThat(lock).as("free once published").isNotNull();
        }
    }

    @Test
    void aNewFileWhoseLockTheShipperTookFirstIsLeftToItAndTheWriterGoesOnInTheNext() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        files.lockTakenFirst(dir.resolve(active(1)));
        FileBidLog log = FileBidLog.start(config(dir, 64, 1L << 20, 1L << 30), TASK, files, clock);
        log.offer(givenNoBid(1));
        log.close();

        assertThat(fileNames(dir)).containsExactly(active(1),
                ready(2));
        assertThat(readReady(dir)).containsExactly(givenNoBid(1));
    }

    @Test
    void recoveryAtStartLeavesAnActiveFileWhoseLockAnotherHolds() throws Exception {
        Path other = dir.resolve(BidLogFileNames.activeName("task2", 4));
        Files.writeString(other, "{\"half");
        try (FileChannel shipper = FileChannel.open(other, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            shipper.lock();
            FileBidLog log = FileBidLog.start(config(dir, 64, 1L << 20, 1L << 30), TASK, BidLogFiles.system(),
                    clock);
            log.close();
            assertThat(Files.readString(other)).as("not cut, not renamed").isEqualTo("{\"half");
        }
    }
}
