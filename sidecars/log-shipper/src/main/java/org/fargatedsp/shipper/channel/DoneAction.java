package org.fargatedsp.shipper.channel;

/** What becomes of a bid-log file once the sink has acknowledged all of it. */
public enum DoneAction {
    /** Removed: the volume's space is the bidder's disk budget. */
    DELETE,
    /** Moved to the state directory's {@code done} folder, for local runs. */
    MOVE
}
