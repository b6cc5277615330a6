package org.fargatedsp.bidder.openrtb;

/** OpenRTB 2.6 Dooh (spec 3.2.23): a digital out-of-home placement, targeted by its domain. */
public record Dooh(String domain) {
}
