package org.fargatedsp.bidder.openrtb;

/**
 * OpenRTB Imp (spec 3.2.4); {@code native} is a Java keyword, so its component is {@code native_}. Not in the
 * spec: {@code unbiddable}, the first field the auction needs that the decoder could not read (see
 * {@link Repairs}), which makes the impression one the bidder does not bid on; null for a biddable impression.
 */
public record Imp(
        String id,
        Banner banner,
        Video video,
        Audio audio,
        Native native_,
        Pmp pmp,
        double bidfloor,
        String bidfloorcur,
        int instl,
        RepairField unbiddable) {
}
