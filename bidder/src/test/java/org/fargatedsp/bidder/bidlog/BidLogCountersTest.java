package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import org.fargatedsp.bidder.logging.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BidLogCountersTest {
    private final CapturedLog log = CapturedLog.of(BidLogCounters.class);
    private final BidLogCounters counters = new BidLogCounters();

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void logsOneWarningWhenTheQueueStartsDroppingAndOneLineWhenItStops() {
        long now = 1_000_000;
        counters.checkQueueFull(now);
        assertThat(log.events()).isEmpty();

        counters.drop(DropCause.QUEUE_FULL, 10);
        counters.checkQueueFull(now += 1000);
        for (int second = 0; second < 5; second++) {
            counters.drop(DropCause.QUEUE_FULL, 100);
            counters.checkQueueFull(now += 1000);
        }
        assertThat(log.events()).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("bid-log queue full", "BID_LOG_QUEUE_CAPACITY");
        });

        counters.checkQueueFull(now += 1000);
        assertThat(log.events()).hasSize(2);
        assertThat(log.events().get(1).getLevel()).isEqualTo(Level.INFO);
        assertThat(log.events().get(1).getFormattedMessage())
                .isEqualTo("bid-log queue has room again after dropping 510 records");

        counters.checkQueueFull(now += 1000);
        counters.drop(DropCause.QUEUE_FULL, 3);
        counters.checkQueueFull(now += 1000);
        counters.checkQueueFull(now += 1000);
        assertThat(log.events()).hasSize(4);
        assertThat(log.events().get(3).getFormattedMessage())
                .isEqualTo("bid-log queue has room again after dropping 3 records");
    }

    @Test
    void looksAtTheDropsAtMostOnceASecond() {
        long now = 5_000;
        counters.checkQueueFull(now);
        counters.drop(DropCause.QUEUE_FULL);
        counters.checkQueueFull(now + 999);
        assertThat(log.events()).isEmpty();
        counters.checkQueueFull(now + 1000);
        assertThat(log.events()).hasSize(1);
    }

    @Test
    void otherCausesAreNotReportedAsAFullQueue() {
        counters.drop(DropCause.DISK_BUDGET, 50);
        counters.drop(DropCause.IO_ERROR, 5);
        counters.checkQueueFull(0);
        counters.checkQueueFull(1000);
        assertThat(log.events()).isEmpty();
    }
}
