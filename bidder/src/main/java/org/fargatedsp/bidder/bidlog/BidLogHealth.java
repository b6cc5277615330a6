package org.fargatedsp.bidder.bidlog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fargatedsp.bidder.http.HealthDetail;

/**
 * The bid log's part of {@code /health}: its state (records written, or dropped because writes fail or the disk
 * budget is reached) since when and with what dropped since, disk use against its budget, the writer's backlog and
 * what was dropped. {@code /health} stays 200 whatever the state: bidding goes on without the bid log.
 */
public final class BidLogHealth implements HealthDetail {
    private final BidLogStats stats;

    private BidLogHealth(BidLogStats stats) {
        this.stats = stats;
    }

    /** The details of {@code stats}, or {@code "disabled"} when there is no bid log ({@code BID_LOG_ENABLED=false}). */
    public static HealthDetail of(BidLogStats stats) {
        return stats == null ? details -> details.put("bid_log", "disabled") : new BidLogHealth(stats);
    }

    @Override
    public void addTo(Map<String, Object> details) {
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("state", stats.state().tag());
        log.put("since", Instant.ofEpochMilli(stats.stateSinceMs()).toString());
        log.put("dropped_since", stats.droppedInState());
        String error = stats.writeError();
        if (error != null) {
            log.put("write_error", error);
        }
        log.put("disk_bytes", stats.diskBytes());
        log.put("max_disk_bytes", stats.maxDiskBytes());
        log.put("disk_files", stats.diskFiles());
        log.put("over_budget", stats.overBudget());
        log.put("write_failing", stats.writeFailing());
        log.put("queue_depth", stats.queueDepth());
        log.put("queue_bytes", stats.queueBytes());
        log.put("files_publishing", stats.filesPublishing());
        log.put("written", stats.written());
        log.put("dropped", stats.droppedByCause());
        details.put("bid_log", log);
    }
}
