package org.fargatedsp.bidder.auction;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fargatedsp.bidder.campaign.CampaignIndex;

/**
 * The union of the index entries a request's block lists exclude ({@code bcat}, {@code badv}, {@code bapp}),
 * remembered per thread for the block lists seen recently. Exchanges send the same block lists with request after
 * request of a publisher; with the union remembered, a request blocking thirty categories costs the auction one
 * exclusion set instead of thirty, which matters most when nothing matches and the whole index is scanned.
 *
 * <p>Bounded by entries times a fixed size (README, "Memory bounds"): {@value #SLOTS} slots a thread, each keeping
 * block lists of at most {@value #MAX_KEY_BYTES} bytes (longer ones are worked out every time and never kept) and
 * one union of the current index's size. Only the current index is held: a new one empties the table, so a
 * campaign reload leaves no old index behind.
 */
final class ExclusionCache {
    private static final int SLOTS = 256;
    /** The most heap a slot's block lists may hold: a few hundred typical entries, far from a 1 MB request's. */
    static final int MAX_KEY_BYTES = 16 * 1024;
    /** A list and each string's share of the heap, counted high: object headers, the array, two bytes a char. */
    private static final int LIST_BYTES = 32;
    private static final int STRING_BYTES = 48;
    private static final long[] NOTHING = new long[0];
    private static final FastThreadLocal<ExclusionCache> CURRENT = new FastThreadLocal<>() {
        @Override
        protected ExclusionCache initialValue() {
            return new ExclusionCache();
        }
    };

    private CampaignIndex index;
    private final Object[][] keys = new Object[SLOTS][];
    private final long[][] unions = new long[SLOTS][];

    static ExclusionCache current() {
        return CURRENT.get();
    }

    /** Entries excluded by the block lists, or null when they exclude none. */
    long[] excluded(CampaignIndex index, List<String> bcat, List<String> badv, List<String> bapp) {
        if (isEmpty(bcat) && isEmpty(badv) && isEmpty(bapp)) {
            return null;
        }
        if (this.index != index) {
            this.index = index;
            Arrays.fill(keys, null);
            Arrays.fill(unions, null);
        }
        int hash = Objects.hashCode(bcat) * 31 + Objects.hashCode(badv);
        hash = hash * 31 + Objects.hashCode(bapp);
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Object[] key = keys[slot];
        if (key != null && Objects.equals(key[0], bcat) && Objects.equals(key[1], badv)
                && Objects.equals(key[2], bapp)) {
            return unions[slot] == NOTHING ? null : unions[slot];
        }
        long[] union = union(index, bcat, badv, bapp);
        if (bytes(bcat) + bytes(badv) + bytes(bapp) <= MAX_KEY_BYTES) {
            keys[slot] = new Object[] {bcat, badv, bapp};
            unions[slot] = union == null ? NOTHING : union;
        }
        return union;
    }

    /** The heap {@code values} holds, counted high. */
    private static long bytes(List<String> values) {
        if (values == null) {
            return 0;
        }
        long bytes = LIST_BYTES + 4L * values.size();
        for (int i = 0; i < values.size(); i++) {
            bytes += STRING_BYTES + 2L * values.get(i).length();
        }
        return bytes;
    }

    private static long[] union(CampaignIndex index, List<String> bcat, List<String> badv, List<String> bapp) {
        long[] union = null;
        for (int i = 0; bcat != null && i < bcat.size(); i++) {
            union = or(union, index.inCategory(bcat.get(i)));
        }
        for (int i = 0; badv != null && i < badv.size(); i++) {
            union = or(union, index.advertising(badv.get(i).toLowerCase(Locale.ROOT)));
        }
        for (int i = 0; bapp != null && i < bapp.size(); i++) {
            union = or(union, index.advertisingApp(bapp.get(i)));
        }
        return union;
    }

    private static long[] or(long[] union, long[] bits) {
        if (bits == null) {
            return union;
        }
        if (union == null) {
            return bits.clone();
        }
        for (int w = 0; w < bits.length; w++) {
            union[w] |= bits[w];
        }
        return union;
    }

    private static boolean isEmpty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
