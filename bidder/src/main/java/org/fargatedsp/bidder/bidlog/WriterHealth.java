package org.fargatedsp.bidder.bidlog;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the writer's records reach the disk, as {@code /health} and the gauges report it: writes failing, the
 * disk budget reached, or neither, since when, and what was dropped since. An episode of either trouble is logged
 * once as it starts (WARN) and once as it ends (INFO), however many records it drops; bidding goes on throughout.
 * Changed by the writer thread only; read from any thread.
 */
final class WriterHealth {
    private static final Logger LOG = LoggerFactory.getLogger(WriterHealth.class);
    /** The most of an I/O error's message shown on {@code /health}. */
    static final int MAX_ERROR_CHARS = 200;

    private final BidLogCounters counters;
    private volatile boolean writeFailing;
    private volatile boolean overBudget;
    private volatile BidLogState state = BidLogState.OK;
    private volatile long stateSinceMs;
    private volatile long droppedAtStateStart;
    private volatile String writeError;
    // Writer thread only: where the episodes being reported began.
    private long failingSinceMs;
    private long ioErrorsAtFailingStart;
    private long budgetDropsAtOverStart;

    WriterHealth(BidLogCounters counters, long startMs) {
        this.counters = counters;
        this.stateSinceMs = startMs;
    }

    /**
     * A write to the active file failed with {@code e}, before its records are counted as dropped: the first one of
     * an episode is logged.
     */
    void writeFailed(IOException e, long nowMs) {
        writeError = truncate(String.valueOf(e.getMessage()));
        if (!writeFailing) {
            writeFailing = true;
            failingSinceMs = nowMs;
            ioErrorsAtFailingStart = counters.dropped(DropCause.IO_ERROR);
            LOG.warn("bid-log writes fail: records are dropped and counted as io_error until a write succeeds;"
                    + " bidding goes on", kv("bid_log_state", BidLogState.WRITE_FAILING.tag()), e);
            restate(nowMs);
        }
    }

    /** A write to the active file succeeded: ends an episode of failing writes. */
    void writeSucceeded(long nowMs) {
        if (writeFailing) {
            writeFailing = false;
            writeError = null;
            LOG.info("bid-log writes succeed again after {} ms; {} records were dropped as io_error meanwhile",
                    nowMs - failingSinceMs, counters.dropped(DropCause.IO_ERROR) - ioErrorsAtFailingStart,
                    kv("bid_log_state", BidLogState.OK.tag()));
            restate(nowMs);
        }
    }

    /**
     * Whether the record being handled is dropped for the disk budget, told before it is counted: each crossing is
     * logged.
     */
    void overBudget(boolean value, long nowMs) {
        if (overBudget == value) {
            return;
        }
        overBudget = value;
        if (value) {
            budgetDropsAtOverStart = counters.dropped(DropCause.DISK_BUDGET);
            LOG.warn("bid log over its disk budget (BID_LOG_MAX_DISK_BYTES): new records are dropped and counted"
                    + " until shipped files are deleted; bidding goes on");
        } else {
            LOG.info("bid log back under its disk budget after dropping {} records",
                    counters.dropped(DropCause.DISK_BUDGET) - budgetDropsAtOverStart);
        }
        restate(nowMs);
    }

    boolean writeFailing() {
        return writeFailing;
    }

    boolean overBudget() {
        return overBudget;
    }

    BidLogState state() {
        return state;
    }

    long stateSinceMs() {
        return stateSinceMs;
    }

    /** Records dropped, for any cause, since {@link #state()} began. */
    long droppedInState() {
        return counters.droppedTotal() - droppedAtStateStart;
    }

    /** The last write error's message while writes fail, else null. */
    String writeError() {
        return writeError;
    }

    /** Failing writes outrank the budget: while they fail, nothing reaches the disk to fill it. */
    private void restate(long nowMs) {
        BidLogState now = writeFailing ? BidLogState.WRITE_FAILING
                : overBudget ? BidLogState.OVER_BUDGET : BidLogState.OK;
        if (now != state) {
            droppedAtStateStart = counters.droppedTotal();
            stateSinceMs = nowMs;
            state = now;
        }
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_CHARS ? message : message.substring(0, MAX_ERROR_CHARS);
    }
}
