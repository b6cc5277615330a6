package org.fargatedsp.loadtest.client;

import java.util.concurrent.atomic.LongAdder;

/** How often connections had to be opened again during a run, across every sending thread. */
public final class ConnectionStats {
    private final LongAdder replaced = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();

    void replaced() {
        replaced.increment();
    }

    void connectFailed() {
        connectFailures.increment();
    }

    /** Connections closed during the run (timeout, reset, {@code Connection: close}) and opened anew. */
    public long replacedCount() {
        return replaced.sum();
    }

    /** Attempts to open a replacement connection that failed. */
    public long connectFailureCount() {
        return connectFailures.sum();
    }
}
