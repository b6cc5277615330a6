package org.fargatedsp.bidder.campaign;

import java.util.List;
import java.util.Set;

/**
 * One ad of a campaign: its size (banner, video player), the mimes, duration and protocols it plays in (video,
 * audio), its IAB creative attributes (list 5.3) and its markup: HTML for banners, VAST XML for video and audio,
 * the Native Ad Specification response JSON for native.
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
        String adm) {

    public Creative {
        mimes = List.copyOf(mimes);
        protocols = Set.copyOf(protocols);
        attr = Set.copyOf(attr);
    }
}
