package org.fargatedsp.bidder.openrtb;

/** OpenRTB Imp (spec 3.2.4); {@code native} is a Java keyword, so its component is {@code native_}. */
public record Imp(
        String id,
        Banner banner,
        Video video,
        Audio audio,
        Native native_,
        Pmp pmp,
        double bidfloor,
        String bidfloorcur,
        int instl) {
}
