package org.fargatedsp.loadtest.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one stride of an open-loop {@link Schedule} over a set of lanes: every request is issued at
 * its intended time if a lane is free, otherwise it waits for the next free lane, and its latency is
 * always counted from the intended time. Slow answers therefore never slow the schedule down; they
 * show up as latency (no coordinated omission).
 *
 * <p>A request times out when no connection comes free within the timeout of its intended time (it
 * is then never sent), or when it is not answered within the timeout of being sent.
 *
 * <p>Not thread-safe: every method runs on the one thread that owns the lanes (a Netty event loop).
 */
public final class Dispatcher {
    private final Schedule schedule;
    private final NanoClock clock;
    private final Outcomes outcomes;
    private final long timeoutNanos;
    private final long localCount;
    private final long firstMeasured;
    private final ArrayDeque<Slot> free = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private long next;
    private long waitCountedUpTo;
    private int busy;

    /**
     * @param measureFromNanos requests intended before this time are warm-up: sent, but not measured
     */
    public Dispatcher(Schedule schedule, NanoClock clock, Outcomes outcomes, long timeoutNanos, long measureFromNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeoutNanos + " ns");
        }
        this.schedule = schedule;
        this.clock = clock;
        this.outcomes = outcomes;
        this.timeoutNanos = timeoutNanos;
        this.localCount = schedule.localCount();
        this.firstMeasured = schedule.dueCount(measureFromNanos - 1);
    }

    /** Adds a connected lane and gives it a waiting request straight away if there is one. */
    public Slot register(Lane lane) {
        Slot slot = new Slot(lane);
        slots.add(slot);
        free.addLast(slot);
        pump(clock.nanoTime());
        return slot;
    }

    /**
     * Expires requests past their deadline and sends every request that is due.
     *
     * @return the intended time of the next request not yet due, or {@link Long#MAX_VALUE} when all are due
     */
    public long tick() {
        long now = clock.nanoTime();
        expireInFlight(now);
        pump(now);
        long notYetDue = Math.max(next, waitCountedUpTo);
        return notYetDue < localCount ? schedule.intendedNanos(notYetDue) : Long.MAX_VALUE;
    }

    /** The lane's request was answered with {@code status}; the lane is free again. */
    public void answered(Slot slot, int status) {
        if (!slot.alive || !slot.busy) {
            return;
        }
        long now = clock.nanoTime();
        outcomes.answered(isMeasured(slot.index), status, now - slot.intendedNanos, now - slot.sentNanos);
        slot.busy = false;
        busy--;
        free.addLast(slot);
        pump(now);
    }

    /** The lane's connection is gone; a request on it counts as failed. The lane is never used again. */
    public void laneClosed(Slot slot) {
        if (!slot.alive) {
            return;
        }
        if (slot.busy) {
            outcomes.failed(isMeasured(slot.index));
            slot.busy = false;
            busy--;
        }
        retire(slot);
    }

    /** Whether every request has been answered, timed out or failed. */
    public boolean finished() {
        return next >= localCount && busy == 0;
    }

    /** Number of lanes currently registered and alive. */
    public int lanes() {
        return slots.size();
    }

    private void pump(long now) {
        long due = schedule.dueCount(now);
        while (next < due && schedule.intendedNanos(next) + timeoutNanos <= now) {
            if (next >= waitCountedUpTo) {
                outcomes.waited(isMeasured(next), 1);
                waitCountedUpTo = next + 1;
            }
            outcomes.timedOut(isMeasured(next), false);
            next++;
        }
        while (next < due && !free.isEmpty()) {
            send(free.pollFirst(), next, now);
            next++;
        }
        if (next < due && waitCountedUpTo < due) {
            countWaiting(Math.max(next, waitCountedUpTo), due);
            waitCountedUpTo = due;
        }
    }

    private void send(Slot slot, long i, long now) {
        slot.busy = true;
        busy++;
        slot.index = i;
        slot.intendedNanos = schedule.intendedNanos(i);
        slot.sentNanos = now;
        // A request that waited for a connection still gets the whole timeout once sent: counting it
        // from the intended time would hand every connection a request about to expire under
        // overload, time it out and close the connection, and the churn would starve the server.
        slot.deadlineNanos = now + timeoutNanos;
        outcomes.sent(isMeasured(i));
        slot.lane.send(schedule.globalIndex(i));
    }

    private void expireInFlight(long now) {
        for (int s = slots.size() - 1; s >= 0; s--) {
            Slot slot = slots.get(s);
            if (slot.busy && slot.deadlineNanos <= now) {
                outcomes.timedOut(isMeasured(slot.index), true);
                slot.busy = false;
                busy--;
                retire(slot);
                slot.lane.abandon();
            }
        }
    }

    private void retire(Slot slot) {
        slot.alive = false;
        slots.remove(slot);
        free.remove(slot);
    }

    private void countWaiting(long from, long to) {
        long warmup = Math.max(0, Math.min(to, firstMeasured) - from);
        if (warmup > 0) {
            outcomes.waited(false, warmup);
        }
        if (to - from - warmup > 0) {
            outcomes.waited(true, to - from - warmup);
        }
    }

    private boolean isMeasured(long i) {
        return i >= firstMeasured;
    }
}
