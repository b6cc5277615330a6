package org.fargatedsp.loadtest.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many requests met each fate, at one moment or over one span.
 *
 * @param statuses count per HTTP status, indexed by the status code ({@link #STATUS_SLOTS} slots;
 *                 codes outside 100..599 are counted in slot 0)
 */
public record Counts(
        long sent, long waited, long answered, long timeoutsInFlight, long timeoutsWaiting, long failed, long[] statuses) {
    /** Size of the {@link #statuses} array. */
    public static final int STATUS_SLOTS = 600;

    /** Counts with nothing in them. */
    public static Counts zero() {
        return new Counts(0, 0, 0, 0, 0, 0, new long[STATUS_SLOTS]);
    }

    /** Requests whose send time has come: each is sent or expired while waiting for a connection. */
    public long scheduled() {
        return sent + timeoutsWaiting;
    }

    /** Requests that got no answer in time, whether or not they were sent. */
    public long timeouts() {
        return timeoutsInFlight + timeoutsWaiting;
    }

    /** Sent requests that have neither been answered nor given up on yet. */
    public long inFlight() {
        return sent - answered - timeoutsInFlight - failed;
    }

    /** Answers with exactly this status. */
    public long status(int code) {
        return code >= 100 && code < STATUS_SLOTS ? statuses[code] : 0;
    }

    /** Answers whose status is in {@code [from, to)}. */
    public long statusRange(int from, int to) {
        long total = 0;
        for (int code = Math.max(from, 0); code < Math.min(to, STATUS_SLOTS); code++) {
            total += statuses[code];
        }
        return total;
    }

    /** Answers with a 5xx status. */
    public long serverErrors() {
        return statusRange(500, 600);
    }

    /** Answers with a 4xx status. */
    public long clientErrors() {
        return statusRange(400, 500);
    }

    /** Every status seen, with its count, in code order (code 0 stands for codes outside 100..599). */
    public Map<String, Long> statusMap() {
        Map<String, Long> map = new TreeMap<>();
        for (int code = 0; code < STATUS_SLOTS; code++) {
            if (statuses[code] != 0) {
                map.put(Integer.toString(code), statuses[code]);
            }
        }
        return map;
    }

    /** The sum of these counts and {@code other}'s. */
    public Counts plus(Counts other) {
        return combine(other, 1);
    }

    /** These counts less {@code earlier}'s: what happened between two snapshots. */
    public Counts minus(Counts earlier) {
        return combine(earlier, -1);
    }

    private Counts combine(Counts other, int sign) {
        long[] merged = new long[STATUS_SLOTS];
        for (int code = 0; code < STATUS_SLOTS; code++) {
            merged[code] = statuses[code] + sign * other.statuses[code];
        }
        return new Counts(
                sent + sign * other.sent,
                waited + sign * other.waited,
                answered + sign * other.answered,
                timeoutsInFlight + sign * other.timeoutsInFlight,
                timeoutsWaiting + sign * other.timeoutsWaiting,
                failed + sign * other.failed,
                merged);
    }
}
