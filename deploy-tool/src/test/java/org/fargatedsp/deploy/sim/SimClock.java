package org.fargatedsp.deploy.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's clock, shared with the tool under test: the tool's sleeps advance it, so tasks, targets and
 * deployments move on without real waiting. It may also tick a little on every request (for a tool running in
 * another process, whose sleeps are real).
 */
public final class SimClock extends Clock {
    private Instant now;
    private Duration tickPerRequest = Duration.ZERO;

    public SimClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public synchronized void tickPerRequest(Duration tick) {
        tickPerRequest = tick;
    }

    synchronized void onRequest() {
        now = now.plus(tickPerRequest);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
