package org.fargatedsp.bidder.openrtb;

import java.util.List;

/** OpenRTB Audio (spec 3.2.8). */
public record Audio(List<String> mimes, int minduration, int maxduration, int[] protocols, int[] battr) {
}
