package org.fargatedsp.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** OpenRTB Geo (spec 3.2.19); {@code country} is ISO-3166-1 alpha-3. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Geo(String country) {
}
