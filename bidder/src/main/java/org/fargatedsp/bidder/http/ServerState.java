package org.fargatedsp.bidder.http;

/**
 * Where the server is in its life: {@code /health} answers 200 only while {@link Phase#READY}, which is what the
 * load balancer's health check and ECS's container health check look at.
 */
public final class ServerState {
    /** The phases, in the order they happen. */
    public enum Phase {
        /** Listening, but campaigns are not loaded yet. */
        STARTING,
        /** Taking traffic. */
        READY,
        /** Shutting down: still answering, but telling the load balancer to stop sending. */
        DRAINING,
        /** No longer accepting connections; each closes once it has answered every request it read. */
        CLOSING
    }

    private volatile Phase phase = Phase.STARTING;

    public Phase phase() {
        return phase;
    }

    public boolean ready() {
        return phase == Phase.READY;
    }

    public void moveTo(Phase next) {
        if (next.ordinal() > phase.ordinal()) {
            phase = next;
        }
    }
}
