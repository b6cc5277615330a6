package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** OpenRTB 2.6 Dooh (spec 3.2.23): a digital out-of-home placement, targeted by its domain. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dooh(String domain) {
}
