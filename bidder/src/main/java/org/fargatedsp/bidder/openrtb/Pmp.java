package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** OpenRTB Pmp (spec 3.2.11): with {@code private_auction} 1 only bids on the listed deals are allowed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pmp(int private_auction, List<Deal> deals) {
}
