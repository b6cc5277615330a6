package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.TASK;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.config;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.fileNames;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.givenNoBid;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.lineBytes;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.ready;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fargatedsp.bidlog.BidLogFileNames;
import org.fargatedsp.bidder.bidlog.BidLogTesting.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sequence numbers of a task's files across restarts of its bidder on the same volume. */
class FileSequenceTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    @Test
    void aBidderRestartedAfterTheShipperEmptiedTheDirectoryNeverReusesAFileName() throws Exception {
        List<String> runs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long highest = -1;
        for (int run = 0; run < 3; run++) {
            List<String> thisRun = writeThreeFiles(run);
            for (String name : thisRun) {
                assertThat(names.add(name)).as("run %d reuses %s", run, name).isTrue();
                long seq = BidLogFileNames.sequenceOf(name);
                assertThat(seq).as("numbered after every earlier run's files").isGreaterThan(highest);
                highest = seq;
            }
            runs.addAll(thisRun);
            // The shipper shipped and deleted every file; the container restarts a second later.
            for (String name : thisRun) {
                Files.delete(dir.resolve(name));
            }
            clock.advance(1_000);
        }
        assertThat(runs).hasSize(9);
    }

    @Test
    void aFileOnDiskNumberedPastTheClockStillComesFirst() throws Exception {
        long ahead = BidLogTesting.FIRST_SEQ + 1_000;
        Files.writeString(dir.resolve(BidLogFileNames.readyName(TASK, ahead)), "");

        FileBidLog log = FileBidLog.start(config(dir, 64, 1L << 20, 1L << 30), TASK, BidLogFiles.system(), clock);
        log.offer(givenNoBid(1));
        log.close();

        assertThat(fileNames(dir)).containsExactly(BidLogFileNames.readyName(TASK, ahead),
                BidLogFileNames.readyName(TASK, ahead + 1));
    }

    @Test
    void theFirstRunOnTheTestClockStartsAtItsClockSequence() throws Exception {
        assertThat(writeThreeFiles(0)).containsExactly(ready(1), ready(2), ready(3));
        assertThat(BidLogTesting.FIRST_SEQ).as("tenths of a second from 2025-01-01 to 2026-01-01")
                .isEqualTo(315_360_000L);
    }

    private List<String> writeThreeFiles(int run) throws Exception {
        int line = lineBytes(givenNoBid(run * 10L));
        FileBidLog log = FileBidLog.start(config(dir, 64, line, 1L << 30), TASK, BidLogFiles.system(), clock);
        for (int i = 0; i < 3; i++) {
            log.offer(givenNoBid(run * 10L + i));
        }
        assertThat(log.shutdown()).isTrue();
        return fileNames(dir);
    }
}
