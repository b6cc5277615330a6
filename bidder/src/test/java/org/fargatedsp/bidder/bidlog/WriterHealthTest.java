package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.TASK;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.config;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.eventually;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.givenBid;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.lineBytes;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.readReady;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import org.fargatedsp.bidder.bidlog.BidLogTesting.ManualClock;
import org.fargatedsp.bidder.logging.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bid log's state through episodes of a full volume and of the disk budget: truthful, and logged once each. */
class WriterHealthTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final CapturedLog log = CapturedLog.of(WriterHealth.class);

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void aFullVolumeIsOneEpisodeLoggedOnceWhenItStartsAndOnceWhenItEnds() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        long start = clock.getAsLong();
        FileBidLog bidLog = FileBidLog.start(config(dir, 1024, 1L << 20, 1L << 30), TASK, files, clock);
        bidLog.offer(givenBid(1));
        eventually("the first record is written").until(() -> bidLog.written() == 1);
        assertThat(bidLog.state()).isEqualTo(BidLogState.OK);
        assertThat(bidLog.stateSinceMs()).isEqualTo(start);

        files.fill();
        clock.advance(500);
        long failingFrom = clock.getAsLong();
        for (int second = 0; second < 5; second++) {
            bidLog.offer(givenBid(10 + second));
            int dropped = second + 1;
            eventually("the write is tried and fails").until(() -> bidLog.dropped(DropCause.IO_ERROR) == dropped);
            clock.advance(BidLogWriter.DISK_RESCAN_MS);
        }

        assertThat(bidLog.state()).isEqualTo(BidLogState.WRITE_FAILING);
        assertThat(bidLog.writeFailing()).isTrue();
        assertThat(bidLog.overBudget()).isFalse();
        assertThat(bidLog.stateSinceMs()).isEqualTo(failingFrom);
        assertThat(bidLog.droppedInState()).isEqualTo(5);
        assertThat(bidLog.writeError()).isEqualTo("No space left on device");
        assertThat(log.events()).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("bid-log writes fail", "io_error", "bidding goes on");
        });

        files.freeSpace();
        bidLog.offer(givenBid(99));
        eventually("writing resumes").until(() -> bidLog.written() == 2);

        assertThat(bidLog.state()).isEqualTo(BidLogState.OK);
        assertThat(bidLog.writeFailing()).isFalse();
        assertThat(bidLog.writeError()).isNull();
        assertThat(bidLog.stateSinceMs()).isEqualTo(clock.getAsLong());
        assertThat(bidLog.droppedInState()).isZero();
        assertThat(log.events()).hasSize(2);
        assertThat(log.events().get(1).getLevel()).isEqualTo(Level.INFO);
        assertThat(log.events().get(1).getFormattedMessage())
                .isEqualTo("bid-log writes succeed again after 5000 ms; 5 records were dropped as io_error meanwhile");
        assertThat(bidLog.shutdown()).isTrue();
        assertThat(readReady(dir)).containsExactly(givenBid(1), givenBid(99));
    }

    @Test
    void theDiskBudgetIsAStateOfItsOwnWithWhatItDropped() throws Exception {
        int line = lineBytes(givenBid(100));
        FileBidLog bidLog = FileBidLog.start(config(dir, 1024, 1L << 20, 10L * line + line / 2), TASK,
                new ControlledFiles(dir), clock);
        for (int i = 0; i < 13; i++) {
            bidLog.offer(givenBid(100 + i));
        }
        eventually("the budget drops the last three").until(() -> bidLog.dropped(DropCause.DISK_BUDGET) == 3);

        assertThat(bidLog.state()).isEqualTo(BidLogState.OVER_BUDGET);
        assertThat(bidLog.droppedInState()).isEqualTo(3);
        assertThat(bidLog.writeFailing()).isFalse();
        assertThat(log.events()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("over its disk budget"));
        assertThat(bidLog.shutdown()).isTrue();
    }
}
