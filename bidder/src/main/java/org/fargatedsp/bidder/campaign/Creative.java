package org.fargatedsp.bidder.campaign;

import java.util.List;
import java.util.Set;

/**
 * One ad of a campaign: its size (banner, video player), the mimes, duration and protocols it plays in (video,
 * audio), its IAB creative attributes (list 5.3) and its markup: HTML for banners, VAST XML for video and audio.
 * A native creative has no fixed markup but its {@link NativeAd} assets, from which each response is built.
 */
public record Creative(
        String id,
        MediaType type,
        int w,
        int h,
        List<String> mimes,
        int duration,
        Set<Integer> protocols,
        Set<Integer> attr,
        String adm,
        NativeAd nativeAd) {

    public Creative {
        mimes = List.copyOf(mimes);
        protocols = Set.copyOf(protocols);
        attr = Set.copyOf(attr);
    }

    /** A banner, video or audio creative, which has markup and no native assets. */
    public Creative(String id, MediaType type, int w, int h, List<String> mimes, int duration, Set<Integer> protocols,
            Set<Integer> attr, String adm) {
        this(id, type, w, h, mimes, duration, protocols, attr, adm, null);
    }

    /** A native creative. */
    public static Creative nativeCreative(String id, Set<Integer> attr, NativeAd nativeAd) {
        return new Creative(id, MediaType.NATIVE, 0, 0, List.of(), 0, Set.of(), attr, null, nativeAd);
    }
}
