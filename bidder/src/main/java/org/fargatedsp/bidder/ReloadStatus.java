package org.fargatedsp.bidder;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.fargatedsp.bidder.campaign.ReloadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the campaign reloader tells people: the outcomes counted, content not swapped in (refused or invalid) and
 * since when, an outage of the source (logged once as it starts, a WARN, and once as it ends, an INFO, however
 * many reads fail between), and when the source was last read with what is served still its content. Written by
 * the reloader's thread; read lock-free by {@code /health} and the meters.
 */
final class ReloadStatus {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignReloader.class);

    /** Content not swapped in: refused or invalid, since when (epoch ms) and why. */
    private record Rejection(ReloadOutcome outcome, long sinceMs, String reason) {}

    /** The source could not be read since {@code sinceMs}: {@code failures} reads, the last for {@code reason}. */
    private record Outage(long sinceMs, int failures, String reason) {}

    private final String source;
    private final int maxDropPercent;
    private final LongAdder[] outcomes = new LongAdder[ReloadOutcome.values().length];
    private volatile Rejection rejection;
    private volatile Outage outage;
    private volatile long readAtMs;

    ReloadStatus(String source, int maxDropPercent) {
        this.source = source;
        this.maxDropPercent = maxDropPercent;
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    void count(ReloadOutcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    long total(ReloadOutcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }

    /** The source was read at {@code nowMs}, and what is served is its content: an outage, if any, is over. */
    void current(long nowMs) {
        readAtMs = nowMs;
        rejection = null;
        reachable(nowMs);
    }

    /** The source answered at {@code nowMs}, whatever its content: an outage, if any, is over. */
    void reachable(long nowMs) {
        Outage ended = outage;
        if (ended != null) {
            outage = null;
            LOG.info("campaign source reachable again", kv("source", source),
                    kv("unreachable_ms", nowMs - ended.sinceMs()), kv("failed_reads", ended.failures()));
        }
    }

    /** Content was refused or is invalid at {@code nowMs}; kept until content is served again. */
    void rejected(ReloadOutcome outcome, long nowMs, String reason) {
        rejection = new Rejection(outcome, nowMs, reason);
        count(outcome);
    }

    /**
     * A read failed at {@code nowMs} for {@code reason}: the first of an outage is logged, the others only counted.
     *
     * @param serving whether campaigns loaded before keep bidding, or none are loaded yet
     */
    void unreachable(long nowMs, String reason, boolean serving) {
        Outage before = outage;
        outage = new Outage(before == null ? nowMs : before.sinceMs(), before == null ? 1 : before.failures() + 1,
                reason);
        count(ReloadOutcome.FAILED);
        if (before == null) {
            LOG.warn(serving ? "campaign source unreachable; the campaigns loaded before keep bidding"
                    : "campaign source unreachable; not ready until it answers", kv("source", source),
                    kv("reason", reason));
        }
    }

    /** Whether content that was refused or is invalid is newer than what is served. */
    boolean rejected() {
        return rejection != null;
    }

    /** When the source was last read with what is served its content (epoch ms), or 0 before the first load. */
    long readAtMs() {
        return readAtMs;
    }

    /** The {@code campaigns_reload} part of {@code /health}. */
    Map<String, Object> details() {
        Map<String, Object> reload = new LinkedHashMap<>();
        Outage o = outage;
        Rejection r = rejection;
        if (o != null) {
            reload.put("state", "unreachable");
            reload.put("since", Instant.ofEpochMilli(o.sinceMs()).toString());
            reload.put("reason", o.reason());
            reload.put("failed_reads", o.failures());
        } else {
            reload.put("state", r == null ? "ok" : r.outcome().tag());
            if (r != null) {
                reload.put("since", Instant.ofEpochMilli(r.sinceMs()).toString());
                reload.put("reason", r.reason());
            }
        }
        long read = readAtMs;
        if (read > 0) {
            reload.put("read_at", Instant.ofEpochMilli(read).toString());
        }
        reload.put("max_drop_percent", maxDropPercent);
        return reload;
    }
}
