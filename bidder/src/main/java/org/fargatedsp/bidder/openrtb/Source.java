package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * OpenRTB Source (spec 3.2.2). The supply chain object ({@code schain} in 2.6, {@code ext.schain} in 2.5) is
 * accepted in both places but not kept: the bidder does not use it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Source(String tid, int fd) {
}
