package org.fargatedsp.bidder.bidlog;

/** What becomes of the records the writer takes now; {@link #tag()} is its value in {@code /health}. */
public enum BidLogState {
    /** Records are written. */
    OK("ok"),
    /** Writing to the volume fails (no space left, a read-only or vanished volume): records are dropped as io_error. */
    WRITE_FAILING("write_failing"),
    /** The directory is at {@code BID_LOG_MAX_DISK_BYTES}: records are dropped as disk_budget. */
    OVER_BUDGET("over_budget");

    private final String tag;

    BidLogState(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
