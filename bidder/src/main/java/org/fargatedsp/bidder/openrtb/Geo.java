package org.fargatedsp.bidder.openrtb;

/** OpenRTB Geo (spec 3.2.19); {@code country} is ISO-3166-1 alpha-3. */
public record Geo(String country) {
}
