package org.fargatedsp.bidder.bidlog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BidLogCountersTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(BidLogCounters.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final BidLogCounters counters = new BidLogCounters();

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
    void logsOneWarningWhenTheQueueStartsDroppingAndOneLineWhenItStops() {
        long now = 1_000_000;
        counters.checkQueueFull(now);
        assertThat(appender.list).isEmpty();

        counters.drop(DropCause.QUEUE_FULL, 10);
        counters.checkQueueFull(now += 1000);
        for (int second = 0; second < 5; second++) {
            counters.drop(DropCause.QUEUE_FULL, 100);
            counters.checkQueueFull(now += 1000);
        }
        assertThat(appender.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("bid-log queue full", "BID_LOG_QUEUE_CAPACITY");
        });

        counters.checkQueueFull(now += 1000);
        assertThat(appender.list).hasSize(2);
        assertThat(appender.list.get(1).getLevel()).isEqualTo(Level.INFO);
        assertThat(appender.list.get(1).getFormattedMessage())
                .isEqualTo("bid-log queue has room again after dropping 510 records");

        counters.checkQueueFull(now += 1000);
        counters.drop(DropCause.QUEUE_FULL, 3);
        counters.checkQueueFull(now += 1000);
        counters.checkQueueFull(now += 1000);
        assertThat(appender.list).hasSize(4);
        assertThat(appender.list.get(3).getFormattedMessage())
                .isEqualTo("bid-log queue has room again after dropping 3 records");
    }

    @Test
    void looksAtTheDropsAtMostOnceASecond() {
        long now = 5_000;
        counters.checkQueueFull(now);
        counters.drop(DropCause.QUEUE_FULL);
        counters.checkQueueFull(now + 999);
        assertThat(appender.list).isEmpty();
        counters.checkQueueFull(now + 1000);
        assertThat(appender.list).hasSize(1);
    }

    @Test
    void otherCausesAreNotReportedAsAFullQueue() {
        counters.drop(DropCause.DISK_BUDGET, 50);
        counters.drop(DropCause.IO_ERROR, 5);
        counters.checkQueueFull(0);
        counters.checkQueueFull(1000);
        assertThat(appender.list).isEmpty();
    }
}
