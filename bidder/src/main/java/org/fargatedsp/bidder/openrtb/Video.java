package org.fargatedsp.bidder.openrtb;

import java.util.List;

/**
 * OpenRTB Video (spec 3.2.7). {@code protocol} is the single protocol that 2.5 deprecated in favour of
 * {@code protocols}; both are read.
 */
public record Video(List<String> mimes, int minduration, int maxduration, int[] protocols, int protocol, int w, int h,
        int[] battr) {
}
