package org.fargatedsp.bidder.openrtb;

/** OpenRTB Format (spec 3.2.10): one allowed banner size. */
public record Format(int w, int h) {
}
