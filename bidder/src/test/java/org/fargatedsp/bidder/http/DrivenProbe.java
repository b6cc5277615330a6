package org.fargatedsp.bidder.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LoadShedder.Probe} on a clock the test moves: each call says how late the next run of the probe is, as
 * the event loop's scheduler would make it. Installed on the test's own thread, it decides for the requests an
 * {@code EmbeddedChannel} handles there.
 */
final class DrivenProbe {
    static final long LAG_MS = 50;
    static final long SUSTAINED_MS = 250;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
    private final LoadShedder.Probe probe = new LoadShedder.Probe(LAG_MS * MS, SUSTAINED_MS * MS, clock::get);

    /** Makes this probe the one of the calling thread's "event loop". */
    DrivenProbe install() {
        LoadShedder.install(probe);
        return this;
    }

    static void uninstall() {
        LoadShedder.install(null);
    }

    /** Runs the probe {@code lateMs} after it was due: the loop was busy that long since its last run. */
    DrivenProbe runLate(long lateMs) {
        clock.addAndGet(LoadShedder.PROBE_INTERVAL_NANOS + lateMs * MS);
        probe.run();
        return this;
    }

    /** Runs the probe on time. */
    DrivenProbe runOnTime() {
        return runLate(0);
    }

    /** Runs the probe {@code times} times, each {@code lateMs} late. */
    DrivenProbe runLate(long lateMs, int times) {
        for (int i = 0; i < times; i++) {
            runLate(lateMs);
        }
        return this;
    }

    /** Runs the probe 100 ms late five times, 400 ms from the first late run to the last: the loop sheds. */
    DrivenProbe overload() {
        return runLate(100, 5);
    }

    boolean shedding() {
        return probe.shedding();
    }

    long lagMs() {
        return probe.lagNanos() / MS;
    }

    long backlogMs() {
        return probe.backlogNanos() / MS;
    }
}
