package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** OpenRTB Format (spec 3.2.10): one allowed banner size. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Format(int w, int h) {
}
