package org.fargatedsp.bidder.auction;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fargatedsp.bidder.campaign.CampaignIndex;

/**
 * The union of the index entries a request's block lists exclude ({@code bcat}, {@code badv}, {@code bapp}),
 * remembered per thread for the block lists seen recently. Exchanges send the same block lists with request after
 * request of a publisher; with the union remembered, a request blocking thirty categories costs the auction one
 * exclusion set instead of thirty, which matters most when nothing matches and the whole index is scanned.
 */
final class ExclusionCache {
    private static final int SLOTS = 256;
    private static final long[] NOTHING = new long[0];
    private static final FastThreadLocal<ExclusionCache> CURRENT = new FastThreadLocal<>() {
        @Override
        protected ExclusionCache initialValue() {
            return new ExclusionCache();
        }
    };

    private final CampaignIndex[] indexes = new CampaignIndex[SLOTS];
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
        int hash = (System.identityHashCode(index) * 31 + Objects.hashCode(bcat)) * 31 + Objects.hashCode(badv);
        hash = hash * 31 + Objects.hashCode(bapp);
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Object[] key = keys[slot];
        if (indexes[slot] == index && Objects.equals(key[0], bcat) && Objects.equals(key[1], badv)
                && Objects.equals(key[2], bapp)) {
            return unions[slot] == NOTHING ? null : unions[slot];
        }
        long[] union = union(index, bcat, badv, bapp);
        indexes[slot] = index;
        keys[slot] = new Object[] {bcat, badv, bapp};
        unions[slot] = union == null ? NOTHING : union;
        return union;
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
