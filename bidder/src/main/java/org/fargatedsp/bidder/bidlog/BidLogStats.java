package org.fargatedsp.bidder.bidlog;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the bid log reports to metrics and to {@code /health}; every method is cheap and thread-safe. */
public interface BidLogStats {
    /** Records waiting for the writer thread. */
    int queueDepth();

    /** The heap the waiting records are counted as holding, at most {@code BID_LOG_QUEUE_MAX_BYTES}. */
    long queueBytes();

    /** Rotated files waiting to be forced to the device and renamed to their ready names. */
    int filesPublishing();

    /** Bytes of all files in the bid-log directory, as of the writer's last look (at most a second old). */
    long diskBytes();

    /** Files in the bid-log directory, active one included. */
    int diskFiles();

    /** The disk budget, {@code BID_LOG_MAX_DISK_BYTES}. */
    long maxDiskBytes();

    /** Whether the last record the writer handled was dropped for the disk budget. */
    boolean overBudget();

    /** Whether the writer's last write to a file failed; true until a write succeeds. */
    boolean writeFailing();

    /** What becomes of records now: written, or dropped because writes fail or the disk budget is reached. */
    BidLogState state();

    /** When {@link #state()} began, in epoch milliseconds of the writer's clock: the log's start for the first. */
    long stateSinceMs();

    /** Records dropped, for any cause, since {@link #state()} began. */
    long droppedInState();

    /** The last write error's message (at most 200 characters) while writes fail, else null. */
    String writeError();

    /** Records written to files since start. */
    long written();

    /** Records dropped for {@code cause} since start. */
    long dropped(DropCause cause);

    /** Records dropped since start, by the {@link DropCause#tag() tag} of every cause, in declaration order. */
    default Map<String, Long> droppedByCause() {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (DropCause cause : DropCause.values()) {
            dropped.put(cause.tag(), dropped(cause));
        }
        return dropped;
    }
}
