package org.fargatedsp.bidder.openrtb;

import java.util.List;

/** OpenRTB Pmp (spec 3.2.11): with {@code private_auction} 1 only bids on the listed deals are allowed. */
public record Pmp(int private_auction, List<Deal> deals) {
}
