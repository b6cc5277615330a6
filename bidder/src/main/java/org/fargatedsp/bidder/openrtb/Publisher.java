package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** OpenRTB Publisher (spec 3.2.15). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Publisher(String id, String name, String domain) {
}
