package org.fargatedsp.loadtest.schedule;

/** The {@link Dispatcher}'s record of one {@link Lane}: whether it is busy, and with what. */
public final class Slot {
    final Lane lane;
    boolean alive = true;
    boolean busy;
    long index;
    long intendedNanos;
    long sentNanos;
    long deadlineNanos;

    Slot(Lane lane) {
        this.lane = lane;
    }

    /** Whether a request is on this lane waiting for its answer. */
    public boolean busy() {
        return busy;
    }
}
