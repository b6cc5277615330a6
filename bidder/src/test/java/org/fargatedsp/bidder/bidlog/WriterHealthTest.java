package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.TASK;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.config;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.eventually;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.givenBid;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.lineBytes;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.readReady;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.fargatedsp.bidder.bidlog.BidLogTesting.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The bid log's state through episodes of a full volume and of the disk budget: truthful, and logged once each. */
class WriterHealthTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final Logger logger = (Logger) LoggerFactory.getLogger(WriterHealth.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void aFullVolumeIsOneEpisodeLoggedOnceWhenItStartsAndOnceWhenItEnds() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        long start = clock.getAsLong();
        FileBidLog log = FileBidLog.start(config(dir, 1024, 1L << 20, 1L << 30), TASK, files, clock);
        log.offer(givenBid(1));
        eventually("the first record is written").until(() -> log.written() == 1);
        assertThat(log.state()).isEqualTo(BidLogState.OK);
        assertThat(log.stateSinceMs()).isEqualTo(start);

        files.fill();
        clock.advance(500);
        long failingFrom = clock.getAsLong();
        for (int second = 0; second < 5; second++) {
            log.offer(givenBid(10 + second));
            int dropped = second + 1;
            eventually("the write is tried and fails").until(() -> log.dropped(DropCause.IO_ERROR) == dropped);
            clock.advance(BidLogWriter.DISK_RESCAN_MS);
        }

        assertThat(log.state()).isEqualTo(BidLogState.WRITE_FAILING);
        assertThat(log.writeFailing()).isTrue();
        assertThat(log.overBudget()).isFalse();
        assertThat(log.stateSinceMs()).isEqualTo(failingFrom);
        assertThat(log.droppedInState()).isEqualTo(5);
        assertThat(log.writeError()).isEqualTo("No space left on device");
        assertThat(appender.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("bid-log writes fail", "io_error", "bidding goes on");
        });

        files.freeSpace();
        log.offer(givenBid(99));
        eventually("writing resumes").until(() -> log.written() == 2);

        assertThat(log.state()).isEqualTo(BidLogState.OK);
        assertThat(log.writeFailing()).isFalse();
        assertThat(log.writeError()).isNull();
        assertThat(log.stateSinceMs()).isEqualTo(clock.getAsLong());
        assertThat(log.droppedInState()).isZero();
        assertThat(appender.list).hasSize(2);
        assertThat(appender.list.get(1).getLevel()).isEqualTo(Level.INFO);
        assertThat(appender.list.get(1).getFormattedMessage())
                .isEqualTo("bid-log writes succeed again after 5000 ms; 5 records were dropped as io_error meanwhile");
        assertThat(log.shutdown()).isTrue();
        assertThat(readReady(dir)).containsExactly(givenBid(1), givenBid(99));
    }

    @Test
    void theDiskBudgetIsAStateOfItsOwnWithWhatItDropped() throws Exception {
        int line = lineBytes(givenBid(100));
        FileBidLog log = FileBidLog.start(config(dir, 1024, 1L << 20, 10L * line + line / 2), TASK,
                new ControlledFiles(dir), clock);
        for (int i = 0; i < 13; i++) {
            log.offer(givenBid(100 + i));
        }
        eventually("the budget drops the last three").until(() -> log.dropped(DropCause.DISK_BUDGET) == 3);

        assertThat(log.state()).isEqualTo(BidLogState.OVER_BUDGET);
        assertThat(log.droppedInState()).isEqualTo(3);
        assertThat(log.writeFailing()).isFalse();
        assertThat(appender.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("over its disk budget"));
        assertThat(log.shutdown()).isTrue();
    }
}
