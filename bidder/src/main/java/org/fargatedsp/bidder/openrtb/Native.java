package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** OpenRTB Native (spec 3.2.9): the Native Ad Specification request travels as an opaque string. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Native(String request, String ver, int[] battr) {
}
