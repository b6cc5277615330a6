package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.TASK;
import static org.fargatedsp.bidder.bidlog.BidLogTesting.givenNoBid;

import java.nio.file.Path;
import org.fargatedsp.bidder.bidlog.BidLogTesting.ManualClock;
import org.fargatedsp.bidlog.BidRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's queue bounded by the heap its records hold, not only by their number. */
class RecordQueueTest {
    @TempDir
    Path dir;

    @Test
    void countsARecordByWhatItHoldsAndGivesItBackWhenPolled() {
        RecordQueue queue = new RecordQueue(16, 1L << 20);
        BidRecord small = givenNoBid(1);
        BidRecord large = givenWide(1);

        assertThat(RecordQueue.heapBytes(large)).isGreaterThan(50 * RecordQueue.heapBytes(small));
        assertThat(queue.offer(small)).isTrue();
        assertThat(queue.offer(large)).isTrue();
        assertThat(queue.bytes()).isEqualTo(RecordQueue.heapBytes(small) + RecordQueue.heapBytes(large));

        assertThat(queue.poll()).isSameAs(small);
        assertThat(queue.poll()).isSameAs(large);
        assertThat(queue.bytes()).isZero();
        assertThat(queue.poll()).isNull();
    }

    @Test
    void wideRecordsBehindAStalledDiskStopAtTheByteBoundLongBeforeTheRecordCount() throws Exception {
        ControlledFiles files = new ControlledFiles(dir);
        files.stall();
        long maxBytes = 1L << 20;
        BidLogConfig config = new BidLogConfig(true, dir, 65_536, maxBytes, 1L << 20, 60_000, 1L << 30, 30_000);
        FileBidLog log = FileBidLog.start(config, TASK, files, new ManualClock());
        log.offer(givenWide(0));
        assertThat(files.awaitStalled()).isTrue();

        int offered = 0;
        while (log.dropped(DropCause.QUEUE_FULL) == 0) {
            log.offer(givenWide(++offered));
        }

        assertThat(log.queueBytes()).isLessThanOrEqualTo(maxBytes);
        assertThat(log.queueDepth()).isLessThan(1000).isGreaterThan(0);
        files.release();
        assertThat(log.shutdown()).isTrue();
        assertThat(log.written() + log.dropped(DropCause.QUEUE_FULL)).isEqualTo(offered + 1);
    }

    /** A no-bid of a hundred impressions, each id 128 characters: what a request at the limits leaves queued. */
    private static BidRecord givenWide(int n) {
        String[] imps = new String[100];
        for (int i = 0; i < imps.length; i++) {
            String id = n + "-" + i;
            imps[i] = "i".repeat(128 - id.length()) + id;
        }
        return BidRecord.noBid(1_767_225_600_000L, "r".repeat(120) + n, "exchange-a", imps, "no_match", 100, false,
                TASK, "1.0.0");
    }
}
