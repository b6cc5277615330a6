package org.fargatedsp.bidder.campaign;

import java.util.HashMap;
import java.util.Map;

/**
 * One targeting dimension keyed by a string (country, OS, domain, ...): for each value, the entries that may bid
 * on it, which are those targeting the value plus those not targeting the dimension at all.
 */
public final class ValueIndex {
    private final Map<String, long[]> eligible;
    private final long[] untargeted;
    private final boolean constrains;

    private ValueIndex(Map<String, long[]> eligible, long[] untargeted, boolean constrains) {
        this.eligible = eligible;
        this.untargeted = untargeted;
        this.constrains = constrains;
    }

    /**
     * The entries eligible for {@code value}, or null when no entry targets this dimension, so that it constrains
     * nothing and the query can leave it out. A null value is eligible only for untargeted entries.
     */
    public long[] eligible(String value) {
        if (!constrains) {
            return null;
        }
        if (value == null) {
            return untargeted;
        }
        long[] bits = eligible.get(value);
        return bits == null ? untargeted : bits;
    }

    /** Entries targeting exactly {@code value}, without the untargeted ones; null when none. */
    public long[] targeting(String value) {
        return value == null ? null : eligible.get(value);
    }

    public long[] untargeted() {
        return untargeted;
    }

    public boolean constrains() {
        return constrains;
    }

    /** Collects, entry by entry, which values each entry targets. */
    static final class Builder {
        private final int size;
        private final Map<String, long[]> targeted = new HashMap<>();
        private final long[] untargeted;

        Builder(int size) {
            this.size = size;
            this.untargeted = new long[Bitsets.words(size)];
        }

        void add(int entry, Iterable<String> values) {
            boolean any = false;
            for (String value : values) {
                Bitsets.set(targeted.computeIfAbsent(value, v -> new long[untargeted.length]), entry);
                any = true;
            }
            if (!any) {
                Bitsets.set(untargeted, entry);
            }
        }

        /**
         * For a dimension a request has one value of (country, OS, bundle): each value's set also holds the
         * untargeted entries, so that {@link #eligible} answers in one lookup.
         */
        ValueIndex buildIncludingUntargeted() {
            Map<String, long[]> eligible = new HashMap<>(targeted.size() * 2);
            for (Map.Entry<String, long[]> e : targeted.entrySet()) {
                eligible.put(e.getKey(), Bitsets.or(e.getValue(), untargeted));
            }
            return build(eligible);
        }

        /**
         * For values the auction combines itself (a request's categories or deals, block lists): each value's set
         * holds only the entries that target it, and {@link #untargeted} the rest.
         */
        ValueIndex buildTargetedOnly() {
            Map<String, long[]> eligible = new HashMap<>(targeted.size() * 2);
            eligible.putAll(targeted);
            return build(eligible);
        }

        private ValueIndex build(Map<String, long[]> eligible) {
            return new ValueIndex(eligible, untargeted, !Bitsets.all(untargeted, size));
        }
    }
}
