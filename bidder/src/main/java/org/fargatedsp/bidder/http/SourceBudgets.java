package org.fargatedsp.bidder.http;

import io.netty.util.concurrent.FastThreadLocal;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.fargatedsp.bidder.logging.SampledLogger;

/**
 * How much of an event loop's time each source of requests may take: a token bucket per source, in nanoseconds of
 * the loop's time, that refills at {@code percent} of the clock and holds at most that share of {@code burstMs}.
 * A request is admitted while its source's bucket is not empty and then costs what handling it took, so a source
 * sending requests that cost the loop more than its share is refused until it has paid back its debt, however
 * cheap each of its requests is to send. Refusing costs a lookup.
 *
 * <p>One table per event loop, so no locking: a source whose connections are spread over several loops may take
 * its share of each, never a whole core. The table is bounded, {@value #SETS} sets of {@value #WAYS} sources
 * (under 120 KiB a loop); a source not in it starts with a full bucket, and a new source takes the place of the
 * one of its set that has been idle the longest. Sources are told apart by a 64-bit hash of their address with a
 * seed chosen at start, which a sender cannot aim at another's entry. An episode of a source over its budget is
 * logged when it starts and when it ends, at most {@code ERROR_LOGS_PER_SECOND} lines a second.
 */
final class SourceBudgets {
    static final int SETS = 1024;
    static final int WAYS = 4;
    private static final long SEED = new SecureRandom().nextLong();
    private static final long MAX_REFILL_NANOS = TimeUnit.DAYS.toNanos(1);

    private final long percent;
    private final long capacityNanos;
    private final LongSupplier clockNanos;
    private final SampledLogger log;
    private final FastThreadLocal<Table> tables = new FastThreadLocal<>() {
        @Override
        protected Table initialValue() {
            return new Table();
        }
    };

    /**
     * @param percent the share of a loop's time a source may take, 1 to 100
     * @param burstMs how long a source may take the whole of its share's worth at once: the bucket holds
     *     {@code percent} of it
     * @param clockNanos monotonic nanoseconds, read when a request is admitted and when it has been handled
     */
    SourceBudgets(int percent, long burstMs, LongSupplier clockNanos, SampledLogger log) {
        if (percent < 1 || percent > 100 || burstMs < 1) {
            throw new IllegalArgumentException("percent must be 1 to 100 and burstMs positive");
        }
        this.percent = percent;
        this.capacityNanos = TimeUnit.MILLISECONDS.toNanos(burstMs) * percent / 100;
        this.clockNanos = clockNanos;
        this.log = log;
    }

    long nowNanos() {
        return clockNanos.getAsLong();
    }

    /** The key of a source named by {@code name[from, to)}: a seeded hash, never 0 (an empty slot). */
    static long key(CharSequence name, int from, int to) {
        long h = SEED;
        for (int i = from; i < to; i++) {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        // The finalizer of MurmurHash3's 64-bit hash, so that every bit of the set index depends on every char.
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /**
     * Whether the source {@code key} may be served a request now: 0 when it may, else the whole seconds until its
     * bucket has refilled, for {@code Retry-After}. Either way, the next {@link #charge} on this thread is its.
     * {@code source} names it in the log, formatted only for a line that is logged.
     */
    long admit(long key, Object source, long nowNanos) {
        Table table = tables.get();
        int slot = table.find(key, nowNanos);
        table.current = slot;
        long tokens = table.refill(slot, nowNanos);
        if (tokens > 0) {
            int refused = table.refused[slot];
            if (refused > 0) {
                table.refused[slot] = 0;
                log.info(null, "source {} is back within its share of the event loop after {} refused requests",
                        source, refused);
            }
            return 0;
        }
        if (table.refused[slot]++ == 0) {
            log.warn(null, "source {} took more than {}% of the event loop: its requests are refused with 429"
                    + " until it is back within it", source, percent);
        }
        long refillNanos = -tokens * 100 / percent;
        return Math.max(1, (refillNanos + 999_999_999) / 1_000_000_000);
    }

    /** The request last admitted on this thread cost {@code nanos} of the loop's time. */
    void charge(long nanos) {
        Table table = tables.get();
        table.tokens[table.current] -= Math.max(0, nanos);
    }

    /** One event loop's sources: struct of arrays, {@value #WAYS} consecutive slots a set. */
    private final class Table {
        final long[] keys = new long[SETS * WAYS];
        final long[] tokens = new long[SETS * WAYS];
        final long[] refilledAt = new long[SETS * WAYS];
        final int[] refused = new int[SETS * WAYS];
        int current;

        /** The slot of {@code key}, taken for it with a full bucket when it has none. */
        int find(long key, long now) {
            int first = (int) (key & (SETS - 1)) * WAYS;
            int idlest = first;
            long idlestTokens = Long.MIN_VALUE;
            for (int slot = first; slot < first + WAYS; slot++) {
                if (keys[slot] == key) {
                    return slot;
                }
                long t = keys[slot] == 0 ? Long.MAX_VALUE : refill(slot, now);
                if (t > idlestTokens) {
                    idlest = slot;
                    idlestTokens = t;
                }
            }
            keys[idlest] = key;
            tokens[idlest] = capacityNanos;
            refilledAt[idlest] = now;
            refused[idlest] = 0;
            return idlest;
        }

        /** The slot's tokens, refilled for the time since it was last refilled. */
        long refill(int slot, long now) {
            // A day refills any debt a request could run up, and keeps the product below overflow.
            long elapsed = Math.min(now - refilledAt[slot], MAX_REFILL_NANOS);
            refilledAt[slot] = now;
            if (elapsed > 0) {
                tokens[slot] = Math.min(capacityNanos, tokens[slot] + elapsed * percent / 100);
            }
            return tokens[slot];
        }
    }
}
