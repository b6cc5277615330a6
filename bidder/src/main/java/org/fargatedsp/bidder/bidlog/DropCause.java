package org.fargatedsp.bidder.bidlog;

/** Why a bid-log record was dropped; {@link #tag()} is the {@code cause} tag of {@code dsp.bidder.bidlog.dropped}. */
public enum DropCause {
    /** The queue to the writer thread was full: the writer fell behind (a slow or stalled disk). */
    QUEUE_FULL("queue_full"),
    /** Writing the record would have taken the bid-log files past {@code BID_LOG_MAX_DISK_BYTES}. */
    DISK_BUDGET("disk_budget"),
    /** Writing failed (for example no space left on the device), or the record could not be encoded. */
    IO_ERROR("io_error"),
    /** The record was offered after shutdown began. */
    CLOSED("closed");

    private final String tag;

    DropCause(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
