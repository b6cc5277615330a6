package org.fargatedsp.bidder.campaign;

import io.netty.util.collection.IntObjectHashMap;

/**
 * Which native entries have which assets, as bitsets over the index's entries: a title, an image of each type,
 * data of each type. They settle at load what a required asset asks of a creative's kinds of assets, so that only
 * lengths, sizes and mime types are left to check per request.
 */
public final class NativeIndex {
    /** Image types 1 icon, 2 logo, 3 main; slot 0 holds the entries with an image of any type. */
    private static final int IMAGE_TYPES = 4;

    private final long[] title;
    private final long[][] image = new long[IMAGE_TYPES][];
    private final IntObjectHashMap<long[]> data = new IntObjectHashMap<>();
    private final long[] none;
    private final int words;

    NativeIndex(int size) {
        words = Bitsets.words(size);
        title = new long[words];
        none = new long[words];
        for (int type = 0; type < IMAGE_TYPES; type++) {
            image[type] = new long[words];
        }
    }

    void add(int entry, NativeAd ad) {
        if (ad.title() != null) {
            Bitsets.set(title, entry);
        }
        for (NativeAd.Image i : ad.images()) {
            Bitsets.set(image[0], entry);
            Bitsets.set(image[i.type()], entry);
        }
        for (NativeAd.Data d : ad.data()) {
            Bitsets.set(data.computeIfAbsent(d.type(), t -> new long[words]), entry);
        }
    }

    /** Native entries with a title. */
    public long[] title() {
        return title;
    }

    /** Native entries with an image of {@code type} (1 icon, 2 logo, 3 main), or of any type for 0. */
    public long[] image(int type) {
        return type >= 0 && type < IMAGE_TYPES ? image[type] : none;
    }

    /** Native entries with data of {@code type}; no entry for a type no creative has. */
    public long[] data(int type) {
        long[] entries = data.get(type);
        return entries != null ? entries : none;
    }
}
